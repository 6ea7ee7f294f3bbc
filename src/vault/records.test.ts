import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredAccount } from '../core/account.ts';
import { cleanName } from '../core/clean-name.ts';
import { generateDataKey } from '../core/crypto/aead.ts';
import { decodeRecord, encodeRecord } from './records.ts';

const base32 = fc
  .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), { minLength: 1, maxLength: 103 })
  .map((chars) => chars.join(''));

/** Names as the vault stores them: reading cleans them (see account-names.test.ts). */
const name = fc.string({ unit: 'grapheme', maxLength: 80 }).map(cleanName);

const account: fc.Arbitrary<StoredAccount> = fc.record({
  id: fc.uuid(),
  type: fc.constantFrom('totp', 'hotp', 'steam'),
  issuer: name,
  label: name,
  secret: base32,
  algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
  digits: fc.integer({ min: 1, max: 10 }),
  period: fc.integer({ min: 1, max: 3600 }),
  counter: fc.nat(),
  sites: fc.array(fc.webUrl(), { maxLength: 5 }),
  order: fc.integer({ min: 0, max: 10_000 }),
  pinned: fc.boolean(),
  createdAt: fc.nat(),
  updatedAt: fc.nat(),
  notes: fc.string({ unit: 'grapheme', maxLength: 500 }),
  recoveryCodes: fc.array(fc.record({ code: fc.string({ maxLength: 30 }), used: fc.boolean() }), {
    maxLength: 16,
  }),
  revision: fc.integer({ min: 1, max: 1_000_000 }),
}) as fc.Arbitrary<StoredAccount>;

describe('record codec', () => {
  it('round-trips any valid account and pads to 256-byte blocks', async () => {
    const dek = await generateDataKey();
    await fc.assert(
      fc.asyncProperty(account, async (a) => {
        const row = await encodeRecord(dek, a);
        expect(row.rev).toBe(a.revision);
        expect((row.ct.length - 16) % 256).toBe(0);
        expect(await decodeRecord(dek, row)).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it('fails as tampered under another key', async () => {
    const row = await encodeRecord(await generateDataKey(), fc.sample(account, 1)[0]!);
    await expect(decodeRecord(await generateDataKey(), row)).rejects.toMatchObject({
      failure: { code: 'tampered', id: row.id },
    });
  });
});
