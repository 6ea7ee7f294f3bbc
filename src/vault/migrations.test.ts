import { type IDBPDatabase, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  dumpStores,
  freshName,
  openTestVault,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';
import { DB_VERSION, migrate, type UpgradeTx } from './migrations.ts';

/** Creates a database exactly as schema v1 code would have (only the v1 step runs). */
async function createV1(name: string): Promise<IDBPDatabase> {
  return openDB(name, 1, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      await migrate(db, oldVersion, 1, tx as unknown as UpgradeTx);
    },
  });
}

describe('schema migrations', () => {
  it('v1 has only meta and records', async () => {
    const db = await createV1(freshName());
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['meta', 'records']);
    db.close();
  });

  it('upgrades a real v1 database with data to the current version', async () => {
    expect(DB_VERSION).toBe(2);
    // Produce genuine v1-format contents: the record and slot formats did not change in v2.
    const source = freshName();
    const vault = await openTestVault(source);
    const accounts = unwrap(
      await vault.addMany([
        sampleAccount(1, { notes: 'n', recoveryCodes: [{ code: 'x', used: false }] }),
        sampleAccount(2),
      ]),
    );
    unwrap(await vault.setPassword('pw'));
    vault.close();
    const contents = await dumpStores(source);

    const name = freshName();
    const v1 = await createV1(name);
    const tx = v1.transaction(['meta', 'records'], 'readwrite');
    for (const { key, value } of contents.meta!) await tx.objectStore('meta').put(value, key as string);
    for (const { value } of contents.records!) await tx.objectStore('records').put(value);
    // v1 kept the unlock throttle in meta.
    await tx.objectStore('meta').put({ failures: 2, nextAllowedAt: 0 }, 'throttle');
    await tx.done;
    v1.close();

    const upgraded = await openTestVault(name);
    const db = await openDB(name);
    expect(db.version).toBe(2);
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['kv', 'meta', 'records']);
    expect(Array.from(db.transaction('records').store.indexNames)).toEqual(['rev']);
    expect(await db.get('meta', 'throttle')).toBeUndefined();
    expect(await db.get('kv', 'unlock-throttle')).toEqual({ failures: 2, nextAllowedAt: 0 });
    db.close();

    unwrap(await upgraded.unlock('pw'));
    expect(unwrap(await upgraded.list())).toEqual({ accounts, damaged: [] });
    const edited = unwrap(await upgraded.update(accounts[0]!.id, { notes: 'after upgrade' }, 1));
    expect(edited.revision).toBe(2);
    upgraded.close();
  });

  it('a fresh database gets the same schema as an upgraded one', async () => {
    const name = freshName();
    (await openTestVault(name)).close();
    const db = await openDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['kv', 'meta', 'records']);
    expect(Array.from(db.transaction('records').store.indexNames)).toEqual(['rev']);
    db.close();
  });
});
