import { describe, expect, it } from 'vitest';
import { openTestVault, sampleAccount as randomAccount } from '../../tests/support/vault-testing';
import type { Result } from '../core/errors';
import { AccountStore, type StoreChange } from './account-store';
import type { Vault } from './vault';

function unwrap<T>(result: Result<T> | { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The same `n` always gives the same secret, so a test can add "the same account" twice. */
const sampleAccount = (n: number) =>
  randomAccount(n, { secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[n % 32]}` });

async function storeOverFreshVault(): Promise<{ store: AccountStore; vault: Vault }> {
  const vault = await openTestVault();
  return { store: new AccountStore(async () => vault), vault };
}

describe('AccountStore', () => {
  it('refuses a second account with the same secret and type, naming the stored one', async () => {
    const { store } = await storeOverFreshVault();
    const first = unwrap(await store.add(sampleAccount(1)));
    const again = await store.add({ ...sampleAccount(1), issuer: 'Other name' });
    expect(again).toEqual({ ok: false, error: { code: 'duplicate', id: first.id } });
    // The same secret as HOTP is another account.
    expect((await store.add({ ...sampleAccount(1), type: 'hotp' })).ok).toBe(true);
  });

  it('runs concurrent adds of one secret one at a time: exactly one lands', async () => {
    const { store, vault } = await storeOverFreshVault();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.add(sampleAccount(7))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'duplicate')).toHaveLength(7);
    expect(unwrap(await vault.list()).accounts).toHaveLength(1);
  });

  it('keeps its cache true to what was committed, through add, update, remove and restore', async () => {
    const { store, vault } = await storeOverFreshVault();
    const a = unwrap(await store.add(sampleAccount(1)));
    unwrap(await store.add(sampleAccount(2)));
    const renamed = unwrap(await store.update(a.id, a.revision, { issuer: 'Renamed' }));
    const removed = unwrap(await store.remove(renamed.id, renamed.revision));
    expect(removed?.issuer).toBe('Renamed');
    unwrap(await store.restore(removed!));
    const fromCache = unwrap(await store.list()).accounts;
    const fromDisk = unwrap(await vault.list()).accounts;
    const byId = (list: { id: string }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(fromCache)).toEqual(byId(fromDisk));
  });

  it('a failed write leaves the stored accounts as they were', async () => {
    const { store, vault } = await storeOverFreshVault();
    const a = unwrap(await store.add(sampleAccount(1)));
    const stale = await store.update(a.id, a.revision + 5, { issuer: 'Never' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale-revision' } });
    expect(unwrap(await store.list()).accounts[0]!.issuer).toBe(a.issuer);
    expect(unwrap(await vault.list()).accounts[0]!.issuer).toBe(a.issuer);
  });

  it('adds many in one transaction, or none when one is a duplicate', async () => {
    const { store, vault } = await storeOverFreshVault();
    unwrap(await store.add(sampleAccount(3)));
    const refused = await store.addMany([sampleAccount(10), sampleAccount(3), sampleAccount(11)]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    const repeated = await store.addMany([sampleAccount(12), sampleAccount(12)]);
    expect(repeated).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    expect(unwrap(await vault.list()).accounts).toHaveLength(1);
    const added = unwrap(await store.addMany([sampleAccount(10), sampleAccount(11)]));
    expect(added).toHaveLength(2);
    expect(unwrap(await vault.list()).accounts).toHaveLength(3);
  });

  it('tells listeners what changed, and nothing for a refused write', async () => {
    const { store } = await storeOverFreshVault();
    const changes: StoreChange['kind'][] = [];
    const stop = store.onChange((change) => changes.push(change.kind));
    const a = unwrap(await store.add(sampleAccount(1)));
    await store.add(sampleAccount(1));
    const b = unwrap(await store.update(a.id, a.revision, { pinned: true }));
    await store.reorder([b.id]);
    await store.remove(b.id, b.revision);
    store.reset();
    stop();
    unwrap(await store.add(sampleAccount(2)));
    expect(changes).toEqual(['added', 'updated', 'reordered', 'removed', 'reset']);
  });

  it('forgets every plaintext account on reset, and reads none while locked', async () => {
    const { store, vault } = await storeOverFreshVault();
    unwrap(await store.add(sampleAccount(1)));
    expect(store.cachedCount).toBe(1);
    unwrap(await store.writeKeys((v) => v.setPassword('correct horse battery')));
    vault.lock();
    store.reset();
    expect(store.cachedCount).toBeUndefined();
    expect(await store.accounts()).toBeUndefined();
  });
});
