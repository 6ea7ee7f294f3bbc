import { describe, expect, it } from 'vitest';
import { openTestVault, sampleAccount, unwrap } from '../../tests/support/vault-testing.ts';
import type { StoredAccount } from '../core/account.ts';
import { generateDataKey } from '../core/crypto/aead.ts';
import { applyPatch, buildNewAccount, checkStoredAccount } from './account-shape.ts';
import { decodeRecord, encodeRecord } from './records.ts';

/** "moc.knab" displayed as "bank.com", and a second line pushed out of sight. */
const SPOOFED = { issuer: '\u202emoc.knab', label: 'alice\u2066\n\u200bbob' };
const CLEAN = { issuer: 'moc.knab', label: 'alice bob' };

const names = (a: { issuer: string; label: string }) => ({ issuer: a.issuer, label: a.label });

describe('the vault never holds a spoofing name', () => {
  it('cleans names on every shape check that writes', () => {
    const built = buildNewAccount(sampleAccount(0, SPOOFED), { id: 'a', order: 0, now: 1 });
    if (!built.ok) throw new Error(built.reason);
    expect(names(built.value)).toEqual(CLEAN);
    const patched = applyPatch({ ...built.value, issuer: 'x' }, SPOOFED, 2);
    if (!patched.ok) throw new Error(patched.reason);
    expect(names(patched.value)).toEqual(CLEAN);
  });

  it('stores and lists cleaned names, from add, addMany, update and restore', async () => {
    const vault = await openTestVault();
    const added = unwrap(await vault.add(sampleAccount(1, SPOOFED)));
    expect(names(added)).toEqual(CLEAN);
    const [many] = unwrap(await vault.addMany([sampleAccount(2, SPOOFED)]));
    expect(names(many!)).toEqual(CLEAN);
    const updated = unwrap(await vault.update(many!.id, { label: 'x\u202ey' }, many!.revision));
    expect(updated.label).toBe('xy');
    const removed = unwrap(await vault.remove(added.id));
    unwrap(await vault.restore({ ...removed!, ...SPOOFED }));
    const listed = unwrap(await vault.list()).accounts.map(names);
    expect(listed).toEqual([CLEAN, { issuer: CLEAN.issuer, label: 'xy' }]);
    vault.close();
  });

  it('reads a record written before names were cleaned back clean', async () => {
    const dek = await generateDataKey();
    const old = checkStoredAccount({
      ...sampleAccount(3),
      id: 'old',
      sites: [],
      order: 0,
      pinned: false,
      createdAt: 0,
      updatedAt: 0,
      notes: '',
      recoveryCodes: [],
      revision: 1,
    });
    if (!old.ok) throw new Error(old.reason);
    // As the old code wrote it: straight through, names untouched.
    const row = await encodeRecord(dek, { ...old.value, ...SPOOFED } satisfies StoredAccount);
    expect(names(await decodeRecord(dek, row))).toEqual(CLEAN);
  });
});
