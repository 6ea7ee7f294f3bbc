import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  errorOf,
  freshName,
  openTestVault,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';
import type { RecordRow } from './db.ts';

async function editStore(name: string, store: string, edit: (s: IDBObjectStore) => void): Promise<void> {
  const db = await openDB(name);
  const tx = db.transaction(store, 'readwrite');
  edit(tx.store as unknown as IDBObjectStore);
  await tx.done;
  db.close();
}

async function rawRecord(name: string, id: string): Promise<RecordRow> {
  const db = await openDB(name);
  const row = (await db.get('records', id)) as RecordRow;
  db.close();
  return row;
}

async function setup() {
  const name = freshName();
  const vault = await openTestVault(name);
  const [a, b, c] = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2), sampleAccount(3)]));
  vault.close();
  return { name, a: a!, b: b!, c: c! };
}

describe('tampering', () => {
  it('reports a flipped ciphertext bit: list returns the rest and names the damaged record', async () => {
    const { name, a, b, c } = await setup();
    const row = await rawRecord(name, b.id);
    row.ct[5]! ^= 0x01;
    await editStore(name, 'records', (s) => s.put(row));

    const vault = await openTestVault(name);
    const listed = unwrap(await vault.list());
    expect(listed.accounts.map((x) => x.id)).toEqual([a.id, c.id]);
    expect(listed.damaged).toEqual([expect.objectContaining({ code: 'tampered', id: b.id })]);
    expect(errorOf(await vault.get(b.id))).toMatchObject({ code: 'tampered', id: b.id });
    expect(errorOf(await vault.update(b.id, { label: 'x' }, 1))).toMatchObject({
      code: 'tampered',
      id: b.id,
    });
    expect(errorOf(await vault.reorder([b.id]))).toMatchObject({ code: 'tampered', id: b.id });
    expect(unwrap(await vault.exportAll()).damaged).toHaveLength(1);
    // A damaged record can be deleted (nothing to hand back for undo).
    expect(unwrap(await vault.remove(b.id))).toBeNull();
    expect(unwrap(await vault.list()).damaged).toEqual([]);
    vault.close();
  });

  it('detects a record copied under another id', async () => {
    const { name, a, b } = await setup();
    const fromA = await rawRecord(name, a.id);
    await editStore(name, 'records', (s) => s.put({ ...fromA, id: b.id }));
    const vault = await openTestVault(name);
    expect(errorOf(await vault.get(b.id))).toMatchObject({ code: 'tampered', id: b.id });
    expect(unwrap(await vault.get(a.id))).toEqual(a);
    vault.close();
  });

  it('detects an edited clear revision, format version or malformed row', async () => {
    const { name, a, b, c } = await setup();
    const rowA = await rawRecord(name, a.id);
    const rowB = await rawRecord(name, b.id);
    await editStore(name, 'records', (s) => {
      s.put({ ...rowA, rev: 7 });
      s.put({ ...rowB, v: 2 });
      s.put({ id: c.id, iv: 'nope', ct: 3, rev: 1, v: 1 });
    });
    const vault = await openTestVault(name);
    const listed = unwrap(await vault.list());
    expect(listed.accounts).toEqual([]);
    expect(listed.damaged.map((d) => d.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(listed.damaged.every((d) => d.code === 'tampered')).toBe(true);
    vault.close();
  });

  it('detects a device slot replaced by another vault’s', async () => {
    const { name } = await setup();
    const other = freshName();
    (await openTestVault(other)).close();
    const db = await openDB(other);
    const foreignSlot = await db.get('meta', 'slot:device');
    db.close();
    await editStore(name, 'meta', (s) => s.put(foreignSlot, 'slot:device'));

    const vault = await openTestVault(name);
    expect(vault.state()).toBe('locked');
    expect(errorOf(await vault.unlockWithDevice())).toMatchObject({ code: 'tampered', id: 'key-check' });
    vault.close();
  });

  it('reports a damaged device slot or key check as tampered', async () => {
    const { name } = await setup();
    const db = await openDB(name);
    const slot = (await db.get('meta', 'slot:device')) as { ct: Uint8Array };
    db.close();
    slot.ct[0]! ^= 1;
    await editStore(name, 'meta', (s) => s.put(slot, 'slot:device'));
    const vault = await openTestVault(name);
    expect(errorOf(await vault.unlockWithDevice())).toMatchObject({ code: 'tampered', id: 'slot:device' });
    vault.close();

    const second = await setup();
    await editStore(second.name, 'meta', (s) => s.delete('key-check'));
    const v2 = await openTestVault(second.name);
    expect(errorOf(await v2.unlockWithDevice())).toMatchObject({ code: 'tampered', id: 'key-check' });
    v2.close();
  });

  it('an edited password slot reads as a wrong password (GCM cannot tell them apart)', async () => {
    const { name } = await setup();
    const vault = await openTestVault(name);
    unwrap(await vault.setPassword('pw'));
    vault.close();
    const db = await openDB(name);
    const slot = (await db.get('meta', 'slot:password')) as { ct: Uint8Array };
    db.close();
    slot.ct[3]! ^= 1;
    await editStore(name, 'meta', (s) => s.put(slot, 'slot:password'));
    const reopened = await openTestVault(name);
    expect(errorOf(await reopened.unlock('pw')).code).toBe('wrong-password');
    reopened.close();
  });

  it('a malformed password slot still lets the vault open (locked) and is reported on unlock', async () => {
    const { name } = await setup();
    const vault = await openTestVault(name);
    unwrap(await vault.setPassword('pw'));
    vault.close();
    await editStore(name, 'meta', (s) => s.put({ kind: 'password', kdf: 'garbage' }, 'slot:password'));
    const reopened = await openTestVault(name);
    expect(reopened.state()).toBe('locked');
    expect(errorOf(await reopened.unlock('pw'))).toMatchObject({ code: 'tampered', id: 'slot:password' });
    reopened.close();
  });
});
