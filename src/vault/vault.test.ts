import { describe, expect, it } from 'vitest';
import {
  errorOf,
  freshName,
  openTestVault,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';
import type { Vault } from './vault.ts';

describe('Vault basics', () => {
  it('starts unlocked on a device key when there is no password', async () => {
    const name = freshName();
    const first = await openTestVault(name);
    expect(first.state()).toBe('unlocked');
    expect(unwrap(await first.hasPassword())).toBe(false);
    first.close();
    const again = await openTestVault(name);
    expect(again.state()).toBe('unlocked');
    again.lock();
    expect(again.state()).toBe('locked');
    expect(errorOf(await again.list()).code).toBe('locked');
    unwrap(await again.unlockWithDevice());
    expect(again.state()).toBe('unlocked');
    again.close();
  });

  it('respects autoUnlock: false', async () => {
    const name = freshName();
    (await openTestVault(name)).close();
    const vault = await openTestVault(name, { autoUnlock: false });
    expect(vault.state()).toBe('locked');
    vault.close();
  });

  it('adds, gets, lists, updates, removes and restores', async () => {
    let clock = 1_000;
    const vault = await openTestVault(freshName(), { now: () => clock });
    const input = sampleAccount(1, {
      notes: 'backup phone: drawer',
      recoveryCodes: [
        { code: 'aaaa-bbbb', used: false },
        { code: 'cccc-dddd', used: true },
      ],
      sites: ['https://bank.example'],
    });
    const added = unwrap(await vault.add(input));
    expect(added.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(added).toMatchObject({ ...input, revision: 1, order: 0, createdAt: 1_000, updatedAt: 1_000 });
    expect(unwrap(await vault.get(added.id))).toEqual(added);

    const second = unwrap(await vault.add(sampleAccount(2)));
    expect(second.order).toBe(1);
    expect(unwrap(await vault.list())).toEqual({ accounts: [added, second], damaged: [] });

    clock = 2_000;
    const updated = unwrap(
      await vault.update(added.id, { notes: 'moved', recoveryCodes: [{ code: 'aaaa-bbbb', used: true }] }, 1),
    );
    expect(updated).toMatchObject({ notes: 'moved', revision: 2, updatedAt: 2_000, createdAt: 1_000 });
    expect(updated.recoveryCodes).toEqual([{ code: 'aaaa-bbbb', used: true }]);
    expect(unwrap(await vault.get(added.id))).toEqual(updated);

    const removed = unwrap(await vault.remove(added.id));
    expect(removed).toEqual(updated);
    expect(errorOf(await vault.get(added.id))).toMatchObject({ code: 'not-found', id: added.id });
    expect(errorOf(await vault.remove(added.id)).code).toBe('not-found');

    const restored = unwrap(await vault.restore(removed!));
    expect(restored).toMatchObject({ ...updated, revision: 3 });
    expect(unwrap(await vault.list()).accounts.map((a) => a.id)).toEqual([added.id, second.id]);
    expect(errorOf(await vault.restore(removed!)).code).toBe('already-exists');
    vault.close();
  });

  it('keeps data across reopen', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const a = unwrap(await vault.add(sampleAccount(1, { notes: 'n' })));
    vault.close();
    const again = await openTestVault(name);
    expect(unwrap(await again.list()).accounts).toEqual([a]);
    // The next order is learnt from disk, not restarted at 0.
    expect(unwrap(await again.add(sampleAccount(2))).order).toBe(1);
    again.close();
  });

  it('addMany is all-or-nothing', async () => {
    const vault = await openTestVault();
    const many = unwrap(
      await vault.addMany([sampleAccount(1), sampleAccount(2), sampleAccount(3, { order: 10 })]),
    );
    expect(many.map((a) => a.order)).toEqual([0, 1, 10]);
    const bad = await vault.addMany([sampleAccount(4), { ...sampleAccount(5), secret: 'not base32!' }]);
    expect(errorOf(bad)).toMatchObject({ code: 'invalid-input' });
    expect(errorOf(bad).message).toContain('account 1');
    expect(unwrap(await vault.list()).accounts).toHaveLength(3);
    expect(unwrap(await vault.add(sampleAccount(6))).order).toBe(11);
    vault.close();
  });

  it('reorders: listed ids first, the rest keep their relative order', async () => {
    const vault = await openTestVault();
    const [a, b, c, d] = unwrap(await vault.addMany([1, 2, 3, 4].map((n) => sampleAccount(n))));
    unwrap(await vault.reorder([d!.id, b!.id]));
    const after = unwrap(await vault.list()).accounts;
    expect(after.map((x) => x.id)).toEqual([d!.id, b!.id, a!.id, c!.id]);
    expect(after.map((x) => x.order)).toEqual([0, 1, 2, 3]);
    // b kept order 1, so only the others were rewritten.
    expect(after.find((x) => x.id === b!.id)!.revision).toBe(1);
    expect(after.find((x) => x.id === d!.id)!.revision).toBe(2);
    expect(errorOf(await vault.reorder([a!.id, a!.id])).code).toBe('invalid-input');
    expect(errorOf(await vault.reorder(['nope'])).code).toBe('not-found');
    vault.close();
  });

  it('validates input and refuses changes to identity fields', async () => {
    const vault = await openTestVault();
    expect(errorOf(await vault.add({ ...sampleAccount(), secret: 'abc' })).code).toBe('invalid-input');
    expect(errorOf(await vault.add({ ...sampleAccount(), digits: 0 })).code).toBe('invalid-input');
    const a = unwrap(await vault.add(sampleAccount()));
    const patch = { id: 'other' } as unknown as Parameters<Vault['update']>[1];
    expect(errorOf(await vault.update(a.id, patch, 1)).code).toBe('invalid-input');
    expect(errorOf(await vault.update(a.id, { secret: 'lower' }, 1)).code).toBe('invalid-input');
    // Stray properties are not stored.
    const sneaky = unwrap(await vault.add({ ...sampleAccount(), extra: 'x' } as never));
    expect(Object.keys(unwrap(await vault.get(sneaky.id)))).not.toContain('extra');
    vault.close();
  });

  it('refuses an update with a stale revision, also from another context', async () => {
    const name = freshName();
    const popupA = await openTestVault(name);
    const popupB = await openTestVault(name);
    const acct = unwrap(await popupA.add(sampleAccount()));
    unwrap(await popupB.update(acct.id, { label: 'from B' }, 1));
    const refused = errorOf(await popupA.update(acct.id, { label: 'from A' }, 1));
    expect(refused).toMatchObject({ code: 'stale-revision', id: acct.id, revision: 2 });
    expect(unwrap(await popupA.get(acct.id)).label).toBe('from B');
    expect(errorOf(await popupA.remove(acct.id, 1)).code).toBe('stale-revision');
    popupA.close();
    popupB.close();
  });

  it('lets exactly one of two concurrent updates with the same revision win', async () => {
    const vault = await openTestVault();
    const acct = unwrap(await vault.add(sampleAccount()));
    const results = await Promise.all([
      vault.update(acct.id, { label: 'one' }, 1),
      vault.update(acct.id, { label: 'two' }, 1),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'stale-revision')).toHaveLength(1);
    vault.close();
  });

  it('acknowledges concurrent writes only once they are stored', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const pending = Array.from({ length: 200 }, (_, i) => vault.add(sampleAccount(i)));
    const ids = (await Promise.all(pending)).map((r) => unwrap(r).id);
    vault.close();
    const reopened = await openTestVault(name);
    const stored = unwrap(await reopened.list()).accounts;
    expect(new Set(stored.map((a) => a.id))).toEqual(new Set(ids));
    expect(new Set(stored.map((a) => a.order)).size).toBe(200);
    reopened.close();
  });

  it('exports the session key and restores an unlocked vault from it', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.setPassword('hunter2'));
    const acct = unwrap(await vault.add(sampleAccount()));
    const raw = unwrap(await vault.exportSessionKey());
    expect(raw).toHaveLength(32);
    vault.lock();
    expect(errorOf(await vault.exportSessionKey()).code).toBe('locked');
    vault.close();

    // A restarted service worker: password vault opens locked, session bytes unlock it.
    const restarted = await openTestVault(name);
    expect(restarted.state()).toBe('locked');
    unwrap(await restarted.unlockWithSessionKey(raw));
    expect(restarted.state()).toBe('unlocked');
    expect(unwrap(await restarted.get(acct.id))).toEqual(acct);
    restarted.close();

    const other = await openTestVault(name, { autoUnlock: false });
    expect(errorOf(await other.unlockWithSessionKey(crypto.getRandomValues(new Uint8Array(32)))).code).toBe(
      'bad-session-key',
    );
    expect(errorOf(await other.unlockWithSessionKey(new Uint8Array(16))).code).toBe('invalid-input');
    expect(other.state()).toBe('locked');
    other.close();
  });

  it('refuses writes while locked', async () => {
    const vault = await openTestVault();
    const acct = unwrap(await vault.add(sampleAccount()));
    vault.lock();
    expect(errorOf(await vault.add(sampleAccount())).code).toBe('locked');
    expect(errorOf(await vault.update(acct.id, { label: 'x' }, 1)).code).toBe('locked');
    expect(errorOf(await vault.get(acct.id)).code).toBe('locked');
    expect(errorOf(await vault.exportAll()).code).toBe('locked');
    vault.close();
  });

  it('exportAll returns every decrypted account', async () => {
    const vault = await openTestVault();
    const added = unwrap(await vault.addMany([sampleAccount(1, { notes: 'n1' }), sampleAccount(2)]));
    expect(unwrap(await vault.exportAll())).toEqual({ accounts: added, damaged: [] });
    vault.close();
  });

  it('two contexts opening a brand-new vault at once agree on one key', async () => {
    const name = freshName();
    const [a, b] = await Promise.all([openTestVault(name), openTestVault(name)]);
    const acct = unwrap(await a.add(sampleAccount()));
    unwrap(await b.unlockWithDevice());
    expect(unwrap(await b.get(acct.id))).toEqual(acct);
    a.close();
    b.close();
  });
});
