import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import fc from 'fast-check';
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { nameArb } from '../../../tests/support/otp-arbitraries';
import type { OtpAccount } from '../account';
import { generateCode, validateAccount } from '../otp';
import {
  canTransfer,
  decodeMigrationPayload,
  encodeMigrationPayload,
  MAX_TRANSFER_URI_LENGTH,
  MigrationFormatError,
  parseMigrationUri,
  TRANSFER_BATCH_SIZE,
  transferBatches,
} from './google-migration';

const SEED = Number(process.env.MIGRATION_FUZZ_SEED ?? 17);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixturePath = path.resolve(repoRoot, '../shared/fixtures/importers/google-migration-samples.json');
const fixtureExists = existsSync(fixturePath);
if (!fixtureExists) {
  console.warn(`[formats] Skipping the Google Authenticator samples: ${fixturePath} does not exist.`);
}

const byteSecret = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .map((bytes) => new Secret({ buffer: bytes.slice().buffer }).base32);

/**
 * What Google can hold, in the form that survives exactly: secrets of whole bytes, TOTP every 30 s,
 * and (with an issuer) a label that does not start with a space, since "Issuer: label" is read
 * with the space dropped.
 */
const transferableArb: fc.Arbitrary<OtpAccount> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp'),
    issuer: fc.oneof(nameArb, fc.constantFrom('a:b', 'Acme: Inc', '::')),
    label: nameArb,
    secret: byteSecret,
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.constantFrom(6, 8),
    counter: fc.oneof(fc.constantFrom(0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER), fc.nat()),
  })
  .filter((a) => a.issuer === '' || !a.label.startsWith(' '))
  .map(
    (a): OtpAccount => ({
      ...a,
      period: 30,
      counter: a.type === 'hotp' ? a.counter : 0,
    }),
  );

function account(overrides: Partial<OtpAccount> = {}): OtpAccount {
  return {
    type: 'totp',
    issuer: 'ACME Co',
    label: 'john@example.com',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

describe('Google transfer round trip', () => {
  it('decodes what it encodes, for every account Google can hold', () => {
    fc.assert(
      fc.property(
        fc.array(transferableArb, { maxLength: 12 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (accounts, id) => {
          const bytes = encodeMigrationPayload(accounts, { size: 3, index: 2, id });
          const decoded = decodeMigrationPayload(bytes);
          expect(decoded.skipped).toEqual([]);
          expect(decoded.accounts).toEqual(accounts);
          expect(decoded).toMatchObject({ version: 1, batchSize: 3, batchIndex: 2, batchId: id });
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  it('goes through the link too, and keeps the codes of a secret with spare bits', () => {
    const odd = account({ secret: 'DSFASDFASDFASFB' });
    const { batches } = transferBatches([odd], { batchId: 5 });
    const [back] = parseMigrationUri(batches[0]!.uri).accounts;
    expect(back).toBeDefined();
    for (const t of [0, 59_000, 1_700_000_000_000]) {
      expect(generateCode(back!, t)).toBe(generateCode(odd, t));
    }
  });

  it('refuses to encode what Google cannot hold', () => {
    expect(() => encodeMigrationPayload([account({ period: 60 })], { size: 1, index: 0, id: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('canTransfer', () => {
  it('says which accounts Google Authenticator can make codes for', () => {
    expect(canTransfer(account())).toBe(true);
    expect(canTransfer(account({ digits: 8, algorithm: 'SHA512' }))).toBe(true);
    expect(canTransfer(account({ type: 'hotp', period: 60, counter: 9 }))).toBe(true);
    expect(canTransfer(account({ type: 'steam', digits: 5 }))).toBe(false);
    expect(canTransfer(account({ digits: 7 }))).toBe(false);
    expect(canTransfer(account({ period: 60 }))).toBe(false);
    expect(canTransfer(account({ secret: '0000' }))).toBe(false);
  });
});

describe('transferBatches', () => {
  const steam = account({ type: 'steam', issuer: 'Steam', digits: 5 });
  const seven = account({ label: 'seven', digits: 7 });
  const slow = account({ label: 'slow', period: 60 });
  const fits = Array.from({ length: 17 }, (_, i) =>
    account({
      label: `user${i}@example.com`,
      type: i % 5 === 0 ? 'hotp' : 'totp',
      counter: i % 5 === 0 ? i : 0,
    }),
  );
  const mixed = [steam, ...fits.slice(0, 6), seven, ...fits.slice(6), slow];

  it('splits in order, with index, count and one id on every code', () => {
    const { batches, byHand } = transferBatches(mixed, { batchId: 123_456 });
    expect(byHand).toEqual([steam, seven, slow]);
    expect(batches.map((b) => [b.index, b.count, b.accounts.length])).toEqual([
      [0, 3, 8],
      [1, 3, 8],
      [2, 3, 1],
    ]);
    expect(batches.flatMap((b) => b.accounts)).toEqual(fits);
    for (const batch of batches) {
      expect(batch.uri).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
      const payload = parseMigrationUri(batch.uri);
      expect(payload).toMatchObject({ batchIndex: batch.index, batchSize: 3, batchId: 123_456, version: 1 });
      expect(payload.accounts).toEqual(batch.accounts);
    }
  });

  it('draws one random positive id per export', () => {
    const ids = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const { batches } = transferBatches(fits, { perBatch: 4 });
      const perExport = new Set(batches.map((b) => parseMigrationUri(b.uri).batchId));
      expect(perExport.size).toBe(1);
      const [id] = perExport;
      expect(id).toBeGreaterThan(0);
      expect(id).toBeLessThanOrEqual(2 ** 31 - 1);
      ids.add(id!);
    }
    expect(ids.size).toBeGreaterThan(15);
  });

  it('closes a code early rather than let long names make it unreadable', () => {
    const long = Array.from({ length: 8 }, (_, i) =>
      account({ label: `${'x'.repeat(300)}${i}@example.com` }),
    );
    const { batches } = transferBatches(long, { batchId: 9 });
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flatMap((b) => b.accounts)).toEqual(long);
    for (const b of batches) {
      expect(b.uri.length).toBeLessThanOrEqual(MAX_TRANSFER_URI_LENGTH);
      expect(b.count).toBe(batches.length);
    }
    const huge = account({ label: 'y'.repeat(3000) });
    expect(transferBatches([huge, account()]).batches.map((b) => b.accounts)).toEqual([[huge], [account()]]);
  });

  it(`puts ${TRANSFER_BATCH_SIZE} in a code by default and handles nothing to transfer`, () => {
    expect(transferBatches(fits).batches[0]?.accounts).toHaveLength(TRANSFER_BATCH_SIZE);
    expect(transferBatches([])).toEqual({ batches: [], byHand: [] });
    expect(transferBatches([steam])).toEqual({ batches: [], byHand: [steam] });
    expect(() => transferBatches(fits, { perBatch: 0 })).toThrow(RangeError);
  });
});

/** A payload written field by field, for what our encoder never writes. */
function rawEntry(fields: {
  secret?: Uint8Array;
  name?: string;
  alg?: number;
  digits?: number;
  type?: number;
}) {
  const w = new BinaryWriter();
  w.tag(1, WireType.LengthDelimited).fork();
  if (fields.secret) w.tag(1, WireType.LengthDelimited).bytes(fields.secret);
  w.tag(2, WireType.LengthDelimited).string(fields.name ?? 'x');
  if (fields.alg !== undefined) w.tag(4, WireType.Varint).int32(fields.alg);
  if (fields.digits !== undefined) w.tag(5, WireType.Varint).int32(fields.digits);
  if (fields.type !== undefined) w.tag(6, WireType.Varint).int32(fields.type);
  // An unknown field, as a later app version might add: skipped, not an error.
  w.tag(15, WireType.Varint).int32(7);
  w.join();
  return w.finish();
}

describe('decodeMigrationPayload', () => {
  const secret = new Uint8Array([72, 101, 108, 108, 111, 33, 222, 173, 190, 239]);

  it('defaults unspecified enums to SHA1, 6 digits and TOTP, and skips what it cannot use', () => {
    const bytes = new Uint8Array([
      ...rawEntry({ secret, name: 'defaults' }),
      ...rawEntry({ secret, name: 'zeros', alg: 0, digits: 0, type: 0 }),
      ...rawEntry({ secret, name: 'md5', alg: 4 }),
      ...rawEntry({ secret, name: 'alg9', alg: 9 }),
      ...rawEntry({ secret, name: 'digits3', digits: 3 }),
      ...rawEntry({ secret, name: 'type3', type: 3 }),
      ...rawEntry({ name: 'nosecret' }),
    ]);
    const payload = decodeMigrationPayload(bytes);
    const expected = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, secret: 'JBSWY3DPEHPK3PXP' };
    expect(payload.accounts).toEqual([
      { ...expected, issuer: '', label: 'defaults', counter: 0 },
      { ...expected, issuer: '', label: 'zeros', counter: 0 },
    ]);
    expect(payload.skipped.map((s) => s.name)).toEqual(['md5', 'alg9', 'digits3', 'type3', 'nosecret']);
    expect(payload.skipped[0]?.reason).toMatch(/MD5/);
    expect(payload).toMatchObject({ version: 0, batchSize: 0, batchIndex: 0, batchId: 0 });
  });

  it('throws a MigrationFormatError for garbage, never anything else', () => {
    const png = readFileSync(path.join(repoRoot, 'public/icon/16.png'));
    expect(() => decodeMigrationPayload(new Uint8Array(png))).toThrow(MigrationFormatError);
    expect(() => decodeMigrationPayload(new Uint8Array([0x0a, 0x50, 1, 2]))).toThrow(/not a readable/);
    expect(() => decodeMigrationPayload(new Uint8Array([0x10, 0xff, 0xff, 0xff]))).toThrow(
      MigrationFormatError,
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          for (const a of decodeMigrationPayload(bytes).accounts) validateAccount(a);
        } catch (error) {
          expect(error).toBeInstanceOf(MigrationFormatError);
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});

describe('parseMigrationUri', () => {
  // The first batch id whose base64 has both '+' and '/', the characters links mangle.
  const [bytes, b64] = (() => {
    for (let id = 1; ; id++) {
      const bytes = encodeMigrationPayload([account(), account({ label: 'b', secret: '7KSQL2JTUDIS5EF6' })], {
        size: 1,
        index: 0,
        id,
      });
      const b64 = Buffer.from(bytes).toString('base64');
      if (b64.includes('+') && b64.includes('/')) return [bytes, b64] as const;
    }
  })();

  it('reads percent-encoded, raw, space-mangled and base64url data alike', () => {
    const expected = decodeMigrationPayload(bytes);
    for (const data of [
      encodeURIComponent(b64),
      b64,
      b64.replace(/\+/g, ' '),
      b64.replace(/\+/g, '%20'),
      b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    ]) {
      expect(parseMigrationUri(`  otpauth-migration://offline?data=${data}\n`)).toEqual(expected);
    }
    expect(parseMigrationUri(`OTPAUTH-MIGRATION://offline?foo=1&data=${b64}#x`)).toEqual(expected);
  });

  it('refuses other links and broken data with a MigrationFormatError', () => {
    for (const uri of [
      'otpauth://totp/a?secret=JBSWY3DP',
      'https://example.com/?data=abc',
      'otpauth-migration://offline?data=',
      'otpauth-migration://offline?nodata=1',
      'otpauth-migration://offline?data=%zz',
      'otpauth-migration://offline?data=ab!c',
      'otpauth-migration://online?data=EAE=',
    ]) {
      expect(() => parseMigrationUri(uri)).toThrow(MigrationFormatError);
    }
  });
});

interface Sample {
  id: string;
  uri: string;
  note?: string;
  expected: null | SampleEntry[];
  decoded_by_helper?: {
    otp_parameters?: SampleEntry[];
    version?: number;
    batch_size?: number;
    batch_index?: number;
    batch_id?: number;
  };
}

interface SampleEntry {
  name: string;
  issuer?: string;
  secret_b32: string;
  type: 'totp' | 'hotp';
  algorithm: OtpAccount['algorithm'];
  digits: number;
  counter?: number;
}

/** The rule under test, written out: Google's name is "Issuer:label" when it carries the issuer. */
function expectedAccount(entry: SampleEntry): OtpAccount {
  const issuer = entry.issuer ?? '';
  const label =
    issuer && entry.name.startsWith(`${issuer}:`) ? entry.name.slice(issuer.length + 1) : entry.name;
  return {
    type: entry.type,
    issuer,
    label,
    secret: entry.secret_b32,
    algorithm: entry.algorithm,
    digits: entry.digits,
    period: 30,
    counter: entry.counter ?? 0,
  };
}

describe.skipIf(!fixtureExists)('Google Authenticator samples from ../shared/fixtures', () => {
  const samples: Sample[] = fixtureExists ? JSON.parse(readFileSync(fixturePath, 'utf8')).samples : [];

  it('has the 17 samples this test was written against', () => {
    expect(samples).toHaveLength(17);
  });

  it.each(samples.map((s) => [s.id, s] as const))('%s', (_id, sample) => {
    const payload = parseMigrationUri(sample.uri);
    // Where the source only says "it parses", the research helper's independent decode is the check.
    const entries = sample.expected ?? sample.decoded_by_helper?.otp_parameters ?? [];
    expect(payload.skipped).toEqual([]);
    expect(payload.accounts).toEqual(entries.map(expectedAccount));
    const helper = sample.decoded_by_helper ?? {};
    expect(payload).toMatchObject({
      version: helper.version ?? 0,
      batchSize: helper.batch_size ?? 0,
      batchIndex: helper.batch_index ?? 0,
      batchId: helper.batch_id ?? 0,
    });
    const again = decodeMigrationPayload(
      encodeMigrationPayload(payload.accounts, {
        size: payload.batchSize,
        index: payload.batchIndex,
        id: payload.batchId,
      }),
    );
    expect(again.accounts).toEqual(payload.accounts);
    expect(again.batchId).toBe(payload.batchId);
  });
});

describe('parseMigrationUri on data of an impossible base64 length', () => {
  it('says the link is damaged, in its own error type', () => {
    expect(() => parseMigrationUri('otpauth-migration://offline?data=A')).toThrow(MigrationFormatError);
  });
});
