import { browser } from 'wxt/browser';
import type { StoredAccount } from '../core/account';
import { fail, ok, type ProtocolError, type Result } from '../core/errors';
import type { AccountPatch, NewAccount, VaultStatus } from '../messaging/protocol';
import type { Router } from '../messaging/router';
import type { VaultFailure, VaultResult } from '../vault/errors';
import { Vault } from '../vault/vault';
import { clockOffsetMs } from './clock';
import { policyAllowsExport } from './policy';
import { onSettingsChanged, readSettings } from './settings';

const DB_NAME = 'tweestap';
const SESSION_KEY = 'tweestap.sessionKey';
const AUTOLOCK_ALARM = 'tweestap-autolock';

let vaultPromise: Promise<Vault> | undefined;
/** Decrypted accounts while unlocked, so opening the popup costs no decryption. Dropped on lock. */
let cache: StoredAccount[] | undefined;
let cacheDamaged: string[] = [];
/** Bumped by every write and lock, so a list that was decrypting meanwhile does not cache stale data. */
let generation = 0;

function dropCache(): void {
  cache = undefined;
  cacheDamaged = [];
  generation++;
}

function toProtocolError(failure: VaultFailure): ProtocolError {
  const { code, message, id, retryAfterMs, revision } = failure;
  return { code, message, id, retryAfterMs, revision };
}

function relay<T>(result: VaultResult<T>): Result<T> {
  return result.ok ? ok(result.value) : { ok: false, error: toProtocolError(result.error) };
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * Opens the vault once per worker life. With a password, the key left in storage.session by an
 * earlier worker (trusted contexts only) keeps the user unlocked across worker restarts.
 */
export function getVault(): Promise<Vault> {
  vaultPromise ??= (async () => {
    const vault = await Vault.open(DB_NAME);
    if (vault.state() === 'locked') {
      const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY];
      if (typeof stored === 'string') {
        const restored = await vault.unlockWithSessionKey(fromBase64(stored));
        if (!restored.ok) await browser.storage.session.remove(SESSION_KEY);
      }
    }
    return vault;
  })();
  vaultPromise.catch(() => {
    vaultPromise = undefined;
  });
  return vaultPromise;
}

async function status(vault: Vault): Promise<Result<VaultStatus>> {
  const hasPassword = await vault.hasPassword();
  if (!hasPassword.ok) return relay(hasPassword);
  return ok({ state: vault.state(), hasPassword: hasPassword.value, accountCount: cache?.length });
}

async function rememberSessionKey(vault: Vault): Promise<void> {
  const raw = await vault.exportSessionKey();
  if (raw.ok) await browser.storage.session.set({ [SESSION_KEY]: toBase64(raw.value) });
}

export async function lockVault(): Promise<void> {
  const vault = await getVault();
  const hasPassword = await vault.hasPassword();
  // Without a password the device key unlocks at once, so locking would only look safe.
  if (!hasPassword.ok || !hasPassword.value) return;
  vault.lock();
  dropCache();
  await browser.storage.session.remove(SESSION_KEY);
  await browser.alarms.clear(AUTOLOCK_ALARM);
}

/** Every use of the vault from a page restarts the idle clock. */
async function touch(): Promise<void> {
  const { autoLockMinutes } = await readSettings();
  if (autoLockMinutes > 0) await browser.alarms.create(AUTOLOCK_ALARM, { delayInMinutes: autoLockMinutes });
  else await browser.alarms.clear(AUTOLOCK_ALARM);
}

async function listAccounts(vault: Vault): Promise<Result<{ accounts: StoredAccount[]; damaged: string[] }>> {
  if (cache) return ok({ accounts: cache, damaged: cacheDamaged });
  const startedAt = generation;
  const listed = await vault.list();
  if (!listed.ok) return relay(listed);
  const accounts = listed.value.accounts;
  const damaged = listed.value.damaged.flatMap((failure) => (failure.id ? [failure.id] : []));
  if (startedAt === generation) {
    cache = accounts;
    cacheDamaged = damaged;
  }
  return ok({ accounts, damaged });
}

/**
 * Runs a vault write and keeps the cache true to what was committed: `patchCache` applies a successful
 * result to it; without one (or on failure) the cache is dropped and the next list decrypts again.
 */
function write<T>(
  job: (vault: Vault) => Promise<VaultResult<T> | Result<T>>,
  patchCache?: (accounts: StoredAccount[], value: T) => StoredAccount[],
): Promise<Result<T>> {
  const run = async (): Promise<Result<T>> => {
    const vault = await getVault();
    // Inside the queue no other write can land, so this list is the state the write starts from.
    if (patchCache && !cache && vault.state() === 'unlocked') await listAccounts(vault);
    const before = cache;
    // A list decrypting while this write commits may read either side of it: it must not cache.
    generation++;
    const result = await job(vault).catch((error: unknown) => fail('internal', { message: String(error) }));
    generation++;
    cache = result.ok && patchCache && before ? patchCache(before, result.value) : undefined;
    if (!cache) cacheDamaged = [];
    await touch();
    return result.ok ? ok(result.value) : { ok: false, error: toProtocolError(result.error as VaultFailure) };
  };
  // One write at a time, so a check-then-write (the duplicate check) cannot interleave with another.
  const next = writeQueue.then(run);
  writeQueue = next.catch(() => undefined);
  return next;
}

let writeQueue: Promise<unknown> = Promise.resolve();

const replaceIn = (accounts: StoredAccount[], next: StoredAccount) =>
  accounts.map((account) => (account.id === next.id ? next : account));

function sameSecret(a: StoredAccount, b: { secret: string; type: string }): boolean {
  return a.secret === b.secret && a.type === b.type;
}

export function registerVaultHandlers(router: Router): void {
  router.on('vault.status', 'extension-page', async () => status(await getVault()));

  router.on('vault.unlock', 'extension-page', async ({ password }) => {
    const vault = await getVault();
    if (typeof password !== 'string') return fail('bad-request');
    const unlocked = await vault.unlock(password);
    if (!unlocked.ok) return relay(unlocked);
    await rememberSessionKey(vault);
    await touch();
    return status(vault);
  });

  router.on('vault.lock', 'extension-page', async () => {
    await lockVault();
    return status(await getVault());
  });

  router.on('vault.list', 'extension-page', async () => {
    const vault = await getVault();
    if (vault.state() === 'locked') return fail('locked');
    const [listed, clockOffset] = await Promise.all([listAccounts(vault), clockOffsetMs(), touch()]);
    return listed.ok ? ok({ ...listed.value, clockOffsetMs: clockOffset }) : listed;
  });

  router.on('vault.add', 'extension-page', ({ account }) => addAccount(account));

  router.on('vault.update', 'extension-page', ({ id, patch, revision }) =>
    updateAccount(id, revision, patch),
  );
  router.on('vault.remove', 'extension-page', ({ id, revision }) =>
    write(
      (v) => v.remove(id, revision),
      (accounts) => accounts.filter((account) => account.id !== id),
    ),
  );
  router.on('vault.restore', 'extension-page', ({ account }) =>
    write(
      (v) => v.restore(account),
      (accounts, restored) => [...accounts, restored],
    ),
  );
  router.on('vault.reorder', 'extension-page', async ({ ids }) => {
    const result = await write((v) => v.reorder(ids));
    return result.ok ? ok(null) : result;
  });

  router.on('vault.setPassword', 'extension-page', async ({ newPassword, currentPassword }) => {
    const result = await write((v) => v.setPassword(newPassword, currentPassword));
    if (!result.ok) return result;
    const vault = await getVault();
    await rememberSessionKey(vault);
    return status(vault);
  });

  router.on('vault.removePassword', 'extension-page', async ({ currentPassword }) => {
    const result = await write((v) => v.removePassword(currentPassword));
    if (!result.ok) return result;
    await browser.storage.session.remove(SESSION_KEY);
    return status(await getVault());
  });

  router.on('vault.export', 'extension-page', async () => {
    if (!(await policyAllowsExport())) return fail('policy-forbidden');
    const vault = await getVault();
    if (vault.state() === 'locked') return fail('locked');
    const exported = await vault.exportAll();
    return exported.ok ? ok({ accounts: exported.value.accounts }) : relay(exported);
  });
}

export function registerAutoLock(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTOLOCK_ALARM) void lockVault();
  });
  // "locked" is the screen lock; Chrome reports it whatever the detection interval.
  browser.idle.onStateChanged.addListener(async (state) => {
    if (state === 'locked' && (await readSettings()).lockOnScreenLock) await lockVault();
  });
  onSettingsChanged(() => void touch());
}

/** For other capabilities (scan): the same add as the popup's, duplicate check included. */
export function addAccount(account: NewAccount): Promise<Result<StoredAccount>> {
  return write(
    async (vault) => {
      const existing = await listAccounts(vault);
      if (!existing.ok) return existing;
      const duplicate = existing.value.accounts.find((stored) => sameSecret(stored, account));
      if (duplicate) return fail('duplicate', { id: duplicate.id });
      return vault.add(account);
    },
    (accounts, added) => [...accounts, added],
  );
}

/** For other capabilities (fill links a confirmed site): one update through the same write path. */
export function updateAccount(
  id: string,
  revision: number,
  patch: AccountPatch,
): Promise<Result<StoredAccount>> {
  return write((v) => v.update(id, patch, revision), replaceIn);
}

/** For the code handlers: the unlocked accounts, or nothing when locked. */
export async function unlockedAccounts(): Promise<StoredAccount[] | undefined> {
  const vault = await getVault();
  if (vault.state() === 'locked') return undefined;
  const listed = await listAccounts(vault);
  return listed.ok ? listed.value.accounts : undefined;
}
