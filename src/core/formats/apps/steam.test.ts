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
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';
import { steamImporter } from './steam.ts';

if (!SAMPLES_DIR) console.warn(`[steam] ${SAMPLES_MISSING}`);

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

describe.skipIf(!SAMPLES_DIR)('Steam samples', () => {
  const all = importerSamples();
  const ours = all.filter((s) => /\/steam(_old)?\.json$/.test(s.file));

  it('finds both samples', () => {
    expect(ours).toHaveLength(2);
  });

  it.each(ours.map((s) => [s.file, s] as const))('%s imports to exactly its entries', async (_, sample) => {
    const file = importInput(sampleBytes(sample.file));
    expect(steamImporter.detect(file)).toBe('plain');
    const result = await steamImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(sample.expected));
    expect(result.skipped).toEqual([]);
  });

  it('claims no other app’s sample', () => {
    const claimed = all
      .filter((s) => !ours.includes(s))
      .filter((s) => steamImporter.detect(importInput(sampleBytes(s.file))) !== false);
    expect(claimed.map((s) => s.file)).toEqual([]);
  });

  it.each(ours.map((s) => [s.file] as const))(
    '%s cut off or bit-flipped gives a result or an ImportError',
    async (file) => {
      const seen = new Set<string>();
      for (const copy of mutatedCopies(sampleBytes(file), 200)) seen.add(await outcome(steamImporter, copy));
      expect(seen.has('result')).toBe(true);
    },
  );
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
