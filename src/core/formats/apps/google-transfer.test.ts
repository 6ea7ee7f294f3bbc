import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { comparable } from '../../../../tests/support/importer-samples.ts';
import { mulberry32 } from '../../../../tests/support/prng.ts';
import type { OtpAccount } from '../../account.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { encodeMigrationPayload, migrationUri, transferBatches } from '../google-migration.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { googleTransferImporter as google, transferProgress } from './google-transfer.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

const SAMPLES = resolve(
  import.meta.dirname,
  '../../../../../shared/fixtures/importers/google-migration-samples.json',
);
const HAVE_SAMPLES = existsSync(SAMPLES);
if (!HAVE_SAMPLES) console.warn(`[google-transfer] ${SAMPLES} not found: sample tests skipped`);

const input = (text: string) => importInput(utf8(text));

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

interface SampleEntry {
  name: string;
  issuer: string;
  secret_b32: string;
  type: 'totp' | 'hotp';
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  counter?: number;
}

interface GoogleSample {
  id: string;
  uri: string;
  expected: SampleEntry[] | null;
  decoded_by_helper?: { otp_parameters?: SampleEntry[] };
}

/** The sample's raw protobuf fields as our account: Google's "Issuer:" prefix is not part of the label. */
function asAccount(entry: SampleEntry): OtpAccount {
  const prefix = `${entry.issuer}:`;
  const label =
    entry.issuer && entry.name.startsWith(prefix)
      ? entry.name.slice(prefix.length).replace(/^ +/, '')
      : entry.name;
  return {
    type: entry.type,
    issuer: entry.issuer,
    label,
    secret: entry.secret_b32,
    algorithm: entry.algorithm,
    digits: entry.digits,
    period: 30,
    counter: entry.type === 'hotp' ? (entry.counter ?? 0) : 0,
  };
}

function account(n: number, overrides: Partial<OtpAccount> = {}): OtpAccount {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return {
    type: 'totp',
    issuer: `Service ${n}`,
    label: `user${n}@example.org`,
    secret: `JBSWY3DPEHPK3PX${letters[n % 32]}`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

/** Test-only: a MigrationPayload with entries Google's app may hold but we cannot use. */
function oddPayload(): string {
  const w = new BinaryWriter();
  const entry = (fields: {
    secret?: Uint8Array;
    name: string;
    algorithm?: number;
    digits?: number;
    type?: number;
    counter?: bigint;
  }) => {
    w.tag(1, WireType.LengthDelimited).fork();
    if (fields.secret) w.tag(1, WireType.LengthDelimited).bytes(fields.secret);
    w.tag(2, WireType.LengthDelimited).string(fields.name);
    if (fields.algorithm !== undefined) w.tag(4, WireType.Varint).int32(fields.algorithm);
    if (fields.digits !== undefined) w.tag(5, WireType.Varint).int32(fields.digits);
    if (fields.type !== undefined) w.tag(6, WireType.Varint).int32(fields.type);
    if (fields.counter !== undefined) w.tag(7, WireType.Varint).int64(fields.counter);
    w.join();
  };
  const key = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  entry({ secret: key, name: 'good', algorithm: 2, digits: 2, type: 2 });
  entry({ secret: key, name: 'md5', algorithm: 4 });
  entry({ secret: key, name: 'sha3', algorithm: 9 });
  entry({ secret: key, name: 'seven', digits: 3 });
  entry({ secret: key, name: 'kind', type: 7 });
  entry({ name: 'nokey' });
  entry({ secret: key, name: 'behind', type: 1, counter: -1n });
  w.tag(2, WireType.Varint).int32(1);
  return migrationUri(w.finish());
}

describe.skipIf(!HAVE_SAMPLES)('Google Authenticator samples from ../shared/fixtures/importers', () => {
  const samples = HAVE_SAMPLES
    ? (JSON.parse(readFileSync(SAMPLES, 'utf8')) as { samples: GoogleSample[] }).samples
    : [];
  const byId = (id: string) => samples.find((s) => s.id === id)!;

  it('has all 17 samples', () => {
    expect(samples).toHaveLength(17);
  });

  it.each(samples.map((s) => [s.id, s] as const))(
    '%s imports to exactly its expected entries',
    async (_, sample) => {
      const file = input(sample.uri);
      expect(google.detect(file)).toBe('plain');
      // One sample has no stated expectation, only the research helper's independent decoding.
      const expected = (sample.expected ?? sample.decoded_by_helper?.otp_parameters ?? []).map(asAccount);
      if (expected.length === 0) {
        expect(await readError(google.read(file))).toBe('import-empty');
        console.info(`[google-transfer] ${sample.id}: 0 of 0 entries (import-empty)`);
        return;
      }
      const result = await google.read(file);
      expect(comparable(result.accounts)).toEqual(comparable(expected));
      const progress = transferProgress(sample.uri);
      expect(progress).toHaveLength(1);
      const missing = progress[0]!.missing;
      expect(result.skipped).toEqual(
        missing.map((i) => ({
          name: '',
          reason: 'bad-entry',
          detail: `missing batch ${i} of ${progress[0]!.total}`,
        })),
      );
      console.info(
        `[google-transfer] ${sample.id}: ${result.accounts.length} of ${expected.length} entries` +
          (missing.length ? `, batches missing: ${missing.join(', ')}` : ''),
      );
    },
  );

  it('puts the three codes of one export together, in order, whatever order they come in', async () => {
    const parts = ['jc-batch-3-of-3', 'jc-batch-1-of-3', 'jc-batch-3-of-3', 'jc-batch-2-of-3'].map(
      (id) => byId(id).uri,
    );
    const text = parts.join('\n');
    const result = await google.read(input(text));
    const expected = ['jc-batch-1-of-3', 'jc-batch-2-of-3', 'jc-batch-3-of-3'].flatMap((id) =>
      byId(id).expected!.map(asAccount),
    );
    expect(result.accounts).toEqual(expected);
    expect(result.skipped).toEqual([]);
    expect(transferProgress(text)).toEqual([{ batchId: 251676888, read: 3, total: 3, missing: [] }]);
    expect(transferProgress(parts.slice(0, 2).join('\n'))).toEqual([
      { batchId: 251676888, read: 2, total: 3, missing: [2] },
    ]);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped codes', async () => {
    for (const sample of samples) {
      for (const bytes of mutatedCopies(utf8(sample.uri), 60, 3)) {
        expect(await outcome(google, bytes)).toMatch(/^(result|import-)/);
      }
    }
  });
});

describe('Google Authenticator transfers made here', () => {
  const accounts = Array.from({ length: 30 }, (_, n) =>
    account(n, n === 4 ? { type: 'hotp', counter: 12, digits: 8, algorithm: 'SHA256' } : {}),
  );
  const { batches } = transferBatches(accounts, { perBatch: 8, batchId: 4242 });

  it('reads a 4-code export shuffled, with one code twice and one missing, and says which is missing', async () => {
    expect(batches.map((b) => b.accounts.length)).toEqual([8, 8, 8, 6]);
    const random = mulberry32(9);
    const scanned = [batches[0]!, batches[1]!, batches[3]!, batches[1]!].sort(() => random() - 0.5);
    const text = scanned.map((b) => b.uri).join('\n');
    const result = await google.read(input(text));
    expect(result.accounts).toEqual([
      ...batches[0]!.accounts,
      ...batches[1]!.accounts,
      ...batches[3]!.accounts,
    ]);
    expect(result.skipped).toEqual([{ name: '', reason: 'bad-entry', detail: 'missing batch 3 of 4' }]);
    expect(transferProgress(text)).toEqual([{ batchId: 4242, read: 3, total: 4, missing: [3] }]);
    const whole = await google.read(input([text, batches[2]!.uri].join('\r\n')));
    expect(whole.accounts).toEqual(accounts);
    expect(whole.skipped).toEqual([]);
  });

  it('does not believe a code that claims a huge export: it is read on its own', async () => {
    const uri = migrationUri(encodeMigrationPayload([account(1)], { size: 0x7fffffff, index: 3, id: 5 }));
    const result = await google.read(input(uri));
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Service 1']);
    expect(result.skipped).toEqual([]);
    expect(transferProgress(uri)).toEqual([{ batchId: 5, read: 1, total: 1, missing: [] }]);
  });

  it('skips MD5 and what else Google may hold but we cannot use, each with its reason', async () => {
    const result = await google.read(input(oddPayload()));
    expect(result.accounts.map((a) => [a.label, a.algorithm, a.digits])).toEqual([['good', 'SHA256', 8]]);
    expect(result.skipped.map(({ name, reason, line }) => ({ name, reason, line }))).toEqual([
      { name: 'md5', reason: 'unsupported-algorithm', line: 1 },
      { name: 'sha3', reason: 'unsupported-algorithm', line: 1 },
      { name: 'seven', reason: 'bad-parameters', line: 1 },
      { name: 'kind', reason: 'unsupported-type', line: 1 },
      { name: 'nokey', reason: 'bad-secret', line: 1 },
      { name: 'behind', reason: 'bad-parameters', line: 1 },
    ]);
  });

  it('reads codes pasted among other text, plain otpauth links too, and reports a damaged code by its line', async () => {
    const [first] = transferBatches([account(1)], { batchId: 7 }).batches;
    const text = [
      'Exported from my phone:',
      `1. ${first!.uri}`,
      '2. otpauth-migration://offline?data=%%%',
      `3. otpauth://totp/Extra:me?secret=KRUGS4ZANFZSAYJA&issuer=Extra`,
      `4. ${first!.uri} (scanned twice)`,
    ].join('\n');
    const result = await google.read(input(text));
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Service 1', 'Extra']);
    expect(result.skipped.map(({ reason, line }) => ({ reason, line }))).toEqual([
      { reason: 'bad-line', line: 3 },
    ]);
  });

  it('calls a text whose only code is damaged damaged, and one with no accounts empty', async () => {
    // A first entry that says it is 5 bytes long and then stops.
    expect(await readError(google.read(input('otpauth-migration://offline?data=CgU=')))).toBe(
      'import-damaged',
    );
    expect(await readError(google.read(input('otpauth-migration://offline')))).toBe('import-damaged');
    const empty = migrationUri(new Uint8Array([0x10, 0x01]));
    expect(await readError(google.read(input(empty)))).toBe('import-empty');
  });

  it('detects by content only', () => {
    expect(google.detect(input(batches[0]!.uri))).toBe('plain');
    expect(google.detect(input('otpauth://totp/x?secret=JBSWY3DP'))).toBe(false);
    expect(google.detect(input('{"db":{}}'))).toBe(false);
    expect(google.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped exports made here', async () => {
    const text = batches.map((b) => b.uri).join('\n');
    for (const bytes of mutatedCopies(utf8(text), 300, 11)) {
      expect(await outcome(google, bytes)).toMatch(/^(result|import-)/);
    }
  });
});
