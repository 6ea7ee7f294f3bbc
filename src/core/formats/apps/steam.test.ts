import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { steamImporter } from './steam.ts';

const input = (text: string) => importInput(utf8(text));

async function readError(text: string): Promise<string> {
  try {
    await steamImporter.read(input(text));
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

/** base64 of the bytes behind JRZCL47CMXVOQMNPZR2F7J4RGI */
const SHARED = 'THIl8+Jl6ugxr8x0X6eRMg==';
const maFile = (name: string, shared: unknown = SHARED) => ({
  shared_secret: shared,
  serial_number: '1',
  revocation_code: 'R00000',
  account_name: name,
  identity_secret: 'aWQ=',
  steamid: 76561197960265728,
});
const steamAccount = (label: string) => ({
  type: 'steam',
  issuer: 'Steam',
  label,
  secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
  algorithm: 'SHA1',
  digits: 5,
  period: 30,
  counter: 0,
});

describeSharedSamples({
  tag: 'steam',
  title: 'Steam samples',
  importer: steamImporter,
  ours: (file) => /\/steam(_old)?\.json$/.test(file),
  files: ['aegis-samples/steam.json', 'aegis-samples/steam_old.json'],
  mutations: 200,
  someStillRead: true,
});

describe('Steam maFile', () => {
  it('reads the old layout and every account of the new one', async () => {
    expect((await steamImporter.read(input(JSON.stringify(maFile('ann'))))).accounts).toEqual([
      steamAccount('ann'),
    ]);
    const file = JSON.stringify({ accounts: { '1': maFile('ann'), '2': maFile('bob') } });
    expect(steamImporter.detect(input(file))).toBe('plain');
    expect((await steamImporter.read(input(file))).accounts).toEqual([
      steamAccount('ann'),
      steamAccount('bob'),
    ]);
  });

  it('skips an account whose shared secret is not base64, and keeps the others', async () => {
    const file = JSON.stringify({
      accounts: { '1': maFile('bad', 'not base64!'), '2': maFile('ok'), '3': 'x' },
    });
    const result = await steamImporter.read(input(file));
    expect(result.accounts).toEqual([steamAccount('ok')]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['bad', 'bad-secret'],
      ['', 'bad-secret'],
    ]);
  });

  it('says a cut-off file is damaged, and leaves JSON without a shared secret alone', async () => {
    expect(await readError(JSON.stringify(maFile('ann')).slice(0, -4))).toBe('import-damaged');
    expect(steamImporter.detect(input(JSON.stringify({ accounts: {} })))).toBe(false);
    expect(steamImporter.detect(input(JSON.stringify({ account_name: 'ann' })))).toBe(false);
  });
});
