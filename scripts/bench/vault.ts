/**
 * Vault performance probe for the benchmark script: unlock latency with the real Argon2id
 * parameters, and the cost of reading and decrypting a large vault. Node has no IndexedDB, so
 * fake-indexeddb is loaded on demand (never in the extension, which does not import this file).
 */
import { type Argon2idParams, DEFAULT_KDF } from '../../src/core/crypto/kdf.ts';
import type { NewAccount } from '../../src/vault/account-shape.ts';
import { Vault } from '../../src/vault/vault.ts';

export interface VaultBenchOptions {
  /** Unlock and decrypt repetitions (median reported). Default 5. */
  runs?: number;
  /** Accounts in the decrypt test. Default 1000. */
  accounts?: number;
  kdf?: Argon2idParams;
}

export interface VaultBenchResult {
  kdf: Argon2idParams;
  unlockRunsMs: number[];
  /** Full `unlock()`: throttle bookkeeping, Argon2id, unwrap, key check. */
  unlockMedianMs: number;
  accounts: number;
  /** One `addMany` of all accounts (encrypt + one transaction). */
  addManyMs: number;
  decryptRunsMs: number[];
  /** `list()` from a fresh instance: read every row and decrypt it. */
  decryptAllMedianMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function benchAccount(n: number): NewAccount {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join('');
  return {
    type: 'totp',
    issuer: `Issuer ${n}`,
    label: `user${n}@example.org`,
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [`https://login${n}.example.org`],
    notes: n % 10 === 0 ? 'recovery sheet in the safe' : '',
    recoveryCodes:
      n % 10 === 0 ? Array.from({ length: 10 }, (_, i) => ({ code: `code-${n}-${i}`, used: false })) : [],
  };
}

async function ensureIndexedDb(): Promise<void> {
  if (typeof indexedDB !== 'undefined') return;
  // What 'fake-indexeddb/auto' does, via the typed entry point (the /auto entry ships no types).
  const {
    default: _default,
    forceCloseDatabase: _close,
    IDBRecord: _record,
    ...globals
  } = await import('fake-indexeddb');
  for (const [key, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  }
}

async function check<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>) {
  const r = await result;
  if (!r.ok) throw new Error(`vault bench: ${r.error.code}`);
  return r.value;
}

export async function benchVault(options: VaultBenchOptions = {}): Promise<VaultBenchResult> {
  await ensureIndexedDb();
  const runs = options.runs ?? 5;
  const count = options.accounts ?? 1000;
  const kdf = options.kdf ?? DEFAULT_KDF;
  const name = `vault-bench-${crypto.randomUUID()}`;
  const password = 'correct horse battery staple';

  const setup = await Vault.open(name, { kdf });
  const addStart = performance.now();
  await check(setup.addMany(Array.from({ length: count }, (_, i) => benchAccount(i))));
  const addManyMs = performance.now() - addStart;
  await check(setup.setPassword(password));
  const sessionKey = await check(setup.exportSessionKey());
  setup.close();

  const unlockRunsMs: number[] = [];
  const vault = await Vault.open(name, { kdf });
  for (let i = 0; i < runs; i++) {
    vault.lock();
    const start = performance.now();
    await check(vault.unlock(password));
    unlockRunsMs.push(performance.now() - start);
  }
  vault.close();

  const decryptRunsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fresh = await Vault.open(name, { kdf });
    await check(fresh.unlockWithSessionKey(sessionKey));
    const start = performance.now();
    const { accounts } = await check(fresh.list());
    decryptRunsMs.push(performance.now() - start);
    fresh.close();
    if (accounts.length !== count) throw new Error(`vault bench: listed ${accounts.length} of ${count}`);
  }

  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });

  return {
    kdf,
    unlockRunsMs,
    unlockMedianMs: median(unlockRunsMs),
    accounts: count,
    addManyMs,
    decryptRunsMs,
    decryptAllMedianMs: median(decryptRunsMs),
  };
}
