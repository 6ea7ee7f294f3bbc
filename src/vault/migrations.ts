/**
 * One function per schema version step. Step N upgrades a database at version N-1 to version N; a
 * fresh database runs all of them in order, so there is a single path to every version.
 *
 * Rules for migrations: only IndexedDB work inside (no crypto, no timers — the versionchange
 * transaction would auto-commit), and never rewrite ciphertext (the vault is locked while upgrading).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';

export type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
export type Migration = (db: IDBPDatabase, tx: UpgradeTx) => Promise<void>;

export const STORE_META = 'meta';
export const STORE_RECORDS = 'records';
export const STORE_KV = 'kv';
export const INDEX_REV = 'rev';
export const THROTTLE_KEY = 'unlock-throttle';

/** v1: `meta` (key slots, key check, v1 also kept the unlock throttle here) and `records`. */
async function toV1(db: IDBPDatabase): Promise<void> {
  db.createObjectStore(STORE_META);
  db.createObjectStore(STORE_RECORDS, { keyPath: 'id' });
}

/**
 * v2: a `kv` store for bookkeeping that changes often, and an index on the clear revision.
 *
 * The throttle counter moves out of `meta` so that a failed unlock never writes to the store that
 * holds the key slots. The `rev` index only covers revision numbers, which reveal nothing about the
 * accounts, and lets a future sync find records edited since a known revision without decrypting.
 */
async function toV2(_db: IDBPDatabase, tx: UpgradeTx): Promise<void> {
  _db.createObjectStore(STORE_KV);
  tx.objectStore(STORE_RECORDS).createIndex(INDEX_REV, 'rev');
  const meta = tx.objectStore(STORE_META);
  const throttle: unknown = await meta.get('throttle');
  if (throttle !== undefined) {
    await tx.objectStore(STORE_KV).put(throttle, THROTTLE_KEY);
    await meta.delete('throttle');
  }
}

export const MIGRATIONS: readonly Migration[] = [toV1, toV2];
export const DB_VERSION = MIGRATIONS.length;

export async function migrate(db: IDBPDatabase, oldVersion: number, newVersion: number, tx: UpgradeTx) {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = MIGRATIONS[version - 1];
    if (!step) throw new Error(`no migration to schema version ${version}`);
    await step(db, tx);
  }
}
