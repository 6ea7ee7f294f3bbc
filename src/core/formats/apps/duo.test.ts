import { describe, expect, it } from 'vitest';
import {
  comparable,
  importerSamples,
  SAMPLES_DIR,
  SAMPLES_MISSING,
  sampleBytes,
} from '../../../../tests/support/importer-samples.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { duoImporter } from './duo.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

if (!SAMPLES_DIR) console.warn(`[duo] ${SAMPLES_MISSING}`);

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

describe.skipIf(!SAMPLES_DIR)('Duo Mobile samples', () => {
  const all = importerSamples();
  const ours = all.filter((s) => s.file === 'aegis-samples/duo.json');

  it('finds the sample', () => {
    expect(ours).toHaveLength(1);
  });

  it.each(ours.map((s) => [s.file, s] as const))('%s imports to exactly its entries', async (_, sample) => {
    const file = importInput(sampleBytes(sample.file));
    expect(duoImporter.detect(file)).toBe('plain');
    const result = await duoImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(sample.expected));
    expect(result.skipped).toEqual([]);
  });

  it('claims no other app’s sample', () => {
    const claimed = all
      .filter((s) => !ours.includes(s))
      .filter((s) => duoImporter.detect(importInput(sampleBytes(s.file))) !== false);
    expect(claimed.map((s) => s.file)).toEqual([]);
  });

  it('cut off or bit-flipped gives a result or an ImportError', async () => {
    const seen = new Set<string>();
    for (const copy of mutatedCopies(sampleBytes(ours[0]!.file), 200))
      seen.add(await outcome(duoImporter, copy));
    expect(seen.has('result')).toBe(true);
  });
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
