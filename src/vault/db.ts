/**
 * IndexedDB layout. Everything read back from disk is treated as untrusted (`unknown`) and parsed,
 * because a copied or edited profile is exactly the threat the vault defends against.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Bytes } from '../core/crypto/bytes.ts';
import { DB_VERSION, migrate } from './migrations.ts';

/** One encrypted account. `rev` is in clear so a write can check staleness without decrypting. */
export interface RecordRow {
  id: string;
  /** Record format version; part of the associated data. */
  v: number;
  iv: Bytes;
  ct: Bytes;
  rev: number;
}

export interface VaultSchema extends DBSchema {
  meta: { key: string; value: unknown };
  records: { key: string; value: RecordRow; indexes: { rev: number } };
  kv: { key: string; value: unknown };
}

export type VaultDb = IDBPDatabase<VaultSchema>;

export interface OpenHooks {
  /** Another context wants a newer schema, or the browser closed the connection. */
  onLost?: () => void;
}

export async function openVaultDb(name: string, hooks: OpenHooks = {}): Promise<VaultDb> {
  const db = await openDB<VaultSchema>(name, DB_VERSION, {
    async upgrade(database, oldVersion, newVersion, tx) {
      await migrate(
        database as unknown as IDBPDatabase,
        oldVersion,
        newVersion ?? DB_VERSION,
        tx as unknown as Parameters<typeof migrate>[3],
      );
    },
    blocking() {
      // Close so the newer code in another context can upgrade; we reopen lazily (and fail cleanly
      // with storage-failed if our schema is now too old).
      db.close();
      hooks.onLost?.();
    },
    terminated() {
      hooks.onLost?.();
    },
  });
  return db;
}
