import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { duoImporter } from './duo.ts';

const input = (text: string) => importInput(utf8(text));

async function readError(text: string): Promise<string> {
  try {
    await duoImporter.read(input(text));
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

const account = (name: string, otpGenerator?: Record<string, unknown>) => ({
  version: 1.0,
  accountType: 'OtpAccount',
  name,
  ...(otpGenerator ? { otpGenerator } : {}),
  pkey: name,
});

describeSharedSamples({
  tag: 'duo',
  title: 'Duo Mobile samples',
  importer: duoImporter,
  ours: (file) => file === 'aegis-samples/duo.json',
  files: ['aegis-samples/duo.json'],
  mutations: 200,
  someStillRead: true,
});

describe('Duo Mobile accounts', () => {
  it('reads TOTP, and HOTP when a counter is stored', async () => {
    const file = JSON.stringify([
      account('ann', { otpSecret: 'jbsw y3dp ehpk 3pxp' }),
      account('bob', { otpSecret: 'KRSXG5CTMVRXEZLU', counter: 12 }),
    ]);
    expect(duoImporter.detect(input(file))).toBe('plain');
    const result = await duoImporter.read(input(file));
    expect(result.accounts).toEqual([
      {
        type: 'totp',
        issuer: '',
        label: 'ann',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      {
        type: 'hotp',
        issuer: '',
        label: 'bob',
        secret: 'KRSXG5CTMVRXEZLU',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 12,
      },
    ]);
  });

  it('skips Duo’s own push accounts, broken keys and counters, and keeps the rest', async () => {
    const result = await duoImporter.read(
      input(
        JSON.stringify([
          account('push'),
          account('typo', { otpSecret: 'not base32!' }),
          account('missing', {}),
          account('negative', { otpSecret: 'JBSWY3DPEHPK3PXP', counter: -1 }),
          account('huge', { otpSecret: 'JBSWY3DPEHPK3PXP', counter: 1e300 }),
          account('ok', { otpSecret: 'JBSWY3DPEHPK3PXP' }),
          'not an account',
        ]),
      ),
    );
    expect(result.accounts.map((a) => a.label)).toEqual(['ok']);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['push', 'unsupported-type'],
      ['typo', 'bad-secret'],
      ['missing', 'bad-secret'],
      ['negative', 'bad-parameters'],
      ['huge', 'bad-parameters'],
      ['', 'bad-entry'],
    ]);
  });

  it('says a damaged file is damaged, and leaves other arrays alone', async () => {
    expect(
      await readError(JSON.stringify([account('a', { otpSecret: 'JBSWY3DPEHPK3PXP' })]).slice(0, -3)),
    ).toBe('import-damaged');
    expect(duoImporter.detect(input('[]'))).toBe(false);
    expect(duoImporter.detect(input(JSON.stringify([{ secret: 'JBSWY3DPEHPK3PXP', type: 'TOTP' }])))).toBe(
      false,
    );
  });
});
