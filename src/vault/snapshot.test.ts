import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { freshName, openTestVault, sampleAccount, unwrap } from '../../tests/support/vault-testing';
import { AccountStore } from './account-store';
import type { RecordRow } from './db';
import * as records from './records';
import { GENERATION_KEY, SNAPSHOT_KEY, type SnapshotRow } from './snapshot';

async function meta(name: string) {
  const db = await openDB(name);
  const [generation, snapshot] = await Promise.all([
    db.get('meta', GENERATION_KEY),
    db.get('meta', SNAPSHOT_KEY),
  ]);
  db.close();
  return { generation: generation as number | undefined, snapshot: snapshot as SnapshotRow | undefined };
}

async function putMeta(name: string, key: string, value: unknown) {
  const db = await openDB(name);
  await db.put('meta', value, key);
  db.close();
}

/** A second instance over the same database: what a worker that just woke up reads. */
async function coldList(name: string) {
  const decode = vi.spyOn(records, 'decodeRecord');
  const vault = await openTestVault(name);
  const listed = unwrap(await vault.list());
  vault.close();
  const decoded = decode.mock.calls.length;
  decode.mockRestore();
  return { listed, decoded };
}

describe('the list snapshot', () => {
  it('lets a cold open read one ciphertext instead of every record, with the same accounts', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2), sampleAccount(3)]));
    const warm = unwrap(await vault.list());
    vault.close();
    expect((await meta(name)).snapshot?.generation).toBe((await meta(name)).generation);
    const { listed, decoded } = await coldList(name);
    expect(decoded).toBe(0);
    expect(listed).toEqual(warm);
  });

  it('is deleted in the same transaction as every record write, and the generation moves on', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const [a] = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)]));
    unwrap(await vault.list());
    const before = await meta(name);
    expect(before.snapshot).toBeDefined();
    unwrap(await vault.remove(a!.id, a!.revision));
    const after = await meta(name);
    expect(after.snapshot, 'a removed secret must not outlive its record in a stale copy').toBeUndefined();
    expect(after.generation).toBe(before.generation! + 1);
    vault.close();
    const { listed, decoded } = await coldList(name);
    expect(decoded).toBe(1);
    expect(listed.accounts.map((x) => x.id)).not.toContain(a!.id);
  });

  it('is ignored when it belongs to another generation, or was relabelled as the current one', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const [a] = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)]));
    unwrap(await vault.list());
    const old = (await meta(name)).snapshot!;
    unwrap(await vault.update(a!.id, { notes: 'after' }, a!.revision));
    vault.close();
    const { generation } = await meta(name);
    // An old snapshot put back (a restored copy of the profile): its generation no longer matches.
    await putMeta(name, SNAPSHOT_KEY, old);
    const stale = await coldList(name);
    expect(stale.decoded).toBe(2);
    expect(stale.listed.accounts.find((x) => x.id === a!.id)?.notes).toBe('after');
    // The same snapshot claiming the current generation: the associated data refuses it.
    await putMeta(name, SNAPSHOT_KEY, { ...old, generation });
    const relabelled = await coldList(name);
    expect(relabelled.decoded).toBe(2);
    expect(relabelled.listed.accounts.find((x) => x.id === a!.id)?.notes).toBe('after');
  });

  it('is ignored when its ciphertext was altered', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.addMany([sampleAccount(1)]));
    unwrap(await vault.list());
    vault.close();
    const row = (await meta(name)).snapshot!;
    row.ct[5]! ^= 1;
    await putMeta(name, SNAPSHOT_KEY, row);
    const { listed, decoded } = await coldList(name);
    expect(decoded).toBe(1);
    expect(listed.accounts).toHaveLength(1);
  });

  it('goes with the old data key when a password is set, and the records open under the new one', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)]));
    unwrap(await vault.list());
    unwrap(await vault.setPassword('a long enough password'));
    expect((await meta(name)).snapshot).toBeUndefined();
    expect(unwrap(await vault.list()).accounts).toHaveLength(2);
    vault.close();
  });

  it('keeps reporting damaged records, by id', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const [a] = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)]));
    vault.close();
    const db = await openDB(name);
    const row = (await db.get('records', a!.id)) as RecordRow;
    row.ct[3]! ^= 0x40;
    await db.put('records', row);
    db.close();
    const first = await coldList(name);
    const second = await coldList(name);
    expect(second.decoded).toBe(0);
    expect(second.listed.damaged.map((f) => [f.code, f.id])).toEqual([['tampered', a!.id]]);
    expect(second.listed.accounts).toEqual(first.listed.accounts);
  });

  it('is written by the account store after a burst of writes, true to its cache', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const store = new AccountStore(async () => vault);
    const first = await store.list();
    expect(first.ok).toBe(true);
    await Promise.all([
      store.add(sampleAccount(1)),
      store.add(sampleAccount(2)),
      store.add(sampleAccount(3)),
    ]);
    await vi.waitFor(async () => expect((await meta(name)).snapshot).toBeDefined());
    const cached = await store.list();
    if (!cached.ok) throw new Error(cached.error.code);
    vault.close();
    const { listed, decoded } = await coldList(name);
    expect(decoded).toBe(0);
    expect(listed.accounts.map((x) => x.id)).toEqual(cached.value.accounts.map((x) => x.id));
  });
});
