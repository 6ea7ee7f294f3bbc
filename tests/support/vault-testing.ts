/** Helpers for the vault tests (not used by production code). */
import { openDB } from 'idb';
import type { OtpAccount } from '../../src/core/account.ts';
import type { Argon2idParams } from '../../src/core/crypto/kdf.ts';
import type { NewAccount } from '../../src/vault/account-shape.ts';
import type { VaultResult } from '../../src/vault/errors.ts';
import { Vault, type VaultOptions } from '../../src/vault/vault.ts';

/** Argon2id at its minimum cost: tests exercise the logic, one test covers the real defaults. */
export const CHEAP_KDF: Argon2idParams = { alg: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };

export function freshName(): string {
  return `vault-test-${crypto.randomUUID()}`;
}

export function openTestVault(name = freshName(), options: VaultOptions = {}): Promise<Vault> {
  return Vault.open(name, { kdf: CHEAP_KDF, ...options });
}

export function unwrap<T>(result: VaultResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorOf<T>(result: VaultResult<T>) {
  if (result.ok) throw new Error('expected a failure, got ok');
  return result.error;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomBase32(length = 32): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % 32]).join('');
}

export function sampleAccount(n = 0, extra: Partial<NewAccount> = {}): NewAccount {
  const base: OtpAccount = {
    type: 'totp',
    issuer: `Issuer${n}-Bankhaus`,
    label: `user${n}@example.org`,
    secret: randomBase32(),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
  return { ...base, ...extra };
}

/** Every store's raw contents, read straight from IndexedDB (bypassing the vault). */
export async function dumpStores(name: string): Promise<Record<string, { key: unknown; value: unknown }[]>> {
  const db = await openDB(name);
  const out: Record<string, { key: unknown; value: unknown }[]> = {};
  for (const store of Array.from(db.objectStoreNames)) {
    const tx = db.transaction(store, 'readonly');
    const entries: { key: unknown; value: unknown }[] = [];
    let cursor = await tx.store.openCursor();
    while (cursor) {
      entries.push({ key: cursor.key, value: cursor.value });
      cursor = await cursor.continue();
    }
    out[store] = entries;
  }
  db.close();
  return out;
}

/**
 * Flattens every string and byte array found in a value into one byte buffer, so tests can search
 * it for secrets in either text or binary form.
 */
export function rawBytesOf(value: unknown): Uint8Array {
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') parts.push(encoder.encode(v), new Uint8Array([0]));
    else if (v instanceof Uint8Array) parts.push(v, new Uint8Array([0]));
    else if (v instanceof ArrayBuffer) parts.push(new Uint8Array(v), new Uint8Array([0]));
    else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null && !(v instanceof CryptoKey)) {
      for (const [k, inner] of Object.entries(v)) {
        visit(k);
        visit(inner);
      }
    }
  };
  visit(value);
  const total = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    joined.set(p, offset);
    offset += p.length;
  }
  return joined;
}

export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
