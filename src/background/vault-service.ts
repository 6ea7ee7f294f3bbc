import { browser } from 'wxt/browser';
import { fail, ok, type Result } from '../core/errors';
import { formatOtpauthUri, isOtpUriError } from '../core/otp';
import type { VaultStatus } from '../messaging/protocol';
import type { BackgroundRouter } from '../messaging/router';
import { AccountStore } from '../vault/account-store';
import { LOCK_AT_KEY } from '../vault/session-keys';
import type { Vault } from '../vault/vault';
import { readPolicy } from './policy';
import { rememberSecrets } from './seen-secrets';
import { onSettingsChanged, readSettings } from './settings';
import { clockCorrections } from './site-clock';
import { getVault, SESSION_KEY, toBase64 } from './vault-instance';

export { getVault } from './vault-instance';

const AUTOLOCK_ALARM = 'tweestap-autolock';

/** The one account store of this worker: every capability reads and writes accounts through it. */
export const accounts = new AccountStore(getVault);

export async function status(vault: Vault): Promise<Result<VaultStatus>> {
  const hasPassword = await vault.hasPassword();
  if (!hasPassword.ok) return hasPassword;
  const mustSetPassword = !hasPassword.value && (await readPolicy()).policy.requirePassword === true;
  return ok({
    state: vault.state(),
    hasPassword: hasPassword.value,
    accountCount: accounts.cachedCount,
    ...(mustSetPassword ? { passwordRequired: true } : {}),
  });
}

const unlockListeners = new Set<() => void>();

/** After every unlock (password, authenticator): sync catches up then. */
export function onUnlocked(listener: () => void): void {
  unlockListeners.add(listener);
}

export async function rememberSessionKey(vault: Vault): Promise<void> {
  const raw = await vault.exportSessionKey();
  if (raw.ok) await browser.storage.session.set({ [SESSION_KEY]: toBase64(raw.value) });
  for (const listener of unlockListeners) listener();
}

export async function lockVault(): Promise<void> {
  const vault = await getVault();
  const hasPassword = await vault.hasPassword();
  // Without a password the device key unlocks at once, so locking would only look safe.
  if (!hasPassword.ok || !hasPassword.value) return;
  vault.lock();
  accounts.reset();
  await browser.storage.session.remove([SESSION_KEY, LOCK_AT_KEY]);
  await browser.alarms.clear(AUTOLOCK_ALARM);
}

/** Every use of the vault from a page restarts the idle clock. */
export async function touch(): Promise<void> {
  const { autoLockMinutes } = await readSettings();
  if (autoLockMinutes > 0) {
    await Promise.all([
      browser.alarms.create(AUTOLOCK_ALARM, { delayInMinutes: autoLockMinutes }),
      browser.storage.session.set({ [LOCK_AT_KEY]: Date.now() + autoLockMinutes * 60_000 }),
    ]);
  } else
    await Promise.all([browser.alarms.clear(AUTOLOCK_ALARM), browser.storage.session.remove(LOCK_AT_KEY)]);
}

/** A use of the vault from a page: the store's result, after restarting the idle clock. */
export async function touching<T>(write: Promise<Result<T>>): Promise<Result<T>> {
  const result = await write;
  await touch();
  return result;
}

export function registerVaultHandlers(router: BackgroundRouter): void {
  router.on('vault.status', async () => status(await getVault()));

  router.on('vault.unlock', async ({ password }) => {
    const vault = await getVault();
    const unlocked = await vault.unlock(password);
    if (!unlocked.ok) return unlocked;
    await rememberSessionKey(vault);
    await touch();
    return status(vault);
  });

  router.on('vault.lock', async () => {
    await lockVault();
    return status(await getVault());
  });

  router.on('vault.list', async () => {
    const vault = await getVault();
    if (vault.state() === 'locked') return { ok: false, error: { code: 'locked' } };
    const [listed, corrections] = await Promise.all([accounts.list(), clockCorrections(), touch()]);
    if (!listed.ok) return listed;
    return ok({ ...listed.value, clockOffsets: corrections(listed.value.accounts.map((a) => a.id)) });
  });

  // The popup already holds the secret; asking here keeps the lock and policy checks in one place.
  router.on('vault.setupKey', async ({ id }) => {
    const vault = await getVault();
    if (vault.state() === 'locked') return fail('locked');
    const [listed] = await Promise.all([accounts.list(), touch()]);
    if (!listed.ok) return listed;
    const account = listed.value.accounts.find((entry) => entry.id === id);
    if (!account) return fail('not-found', { id });
    try {
      return ok({ uri: formatOtpauthUri(account) });
    } catch (error) {
      // The vault's shape check is looser than a link's (it keeps 9 digits): say why, do not throw.
      if (isOtpUriError(error)) return fail(error.code, { message: error.message, id });
      throw error;
    }
  });

  router.on('vault.add', ({ account }) => touching(accounts.add(account)));
  router.on('vault.update', ({ id, patch, revision }) => touching(accounts.update(id, revision, patch)));
  router.on('vault.remove', async ({ id, revision }) => {
    const removed = await touching(accounts.remove(id, revision));
    // Undo must work under disableManualEntry too: the worker vouches for what it just removed.
    if (removed.ok && removed.value) await rememberSecrets([removed.value.secret]);
    return removed;
  });
  router.on('vault.restore', ({ account }) => touching(accounts.restore(account)));
  router.on('vault.reorder', async ({ ids }) => {
    const result = await touching(accounts.reorder(ids));
    return result.ok ? ok(null) : result;
  });

  router.on('vault.setPassword', async ({ newPassword, currentPassword }) => {
    const result = await touching(accounts.writeKeys((v) => v.setPassword(newPassword, currentPassword)));
    if (!result.ok) return result;
    const vault = await getVault();
    await rememberSessionKey(vault);
    return status(vault);
  });

  router.on('vault.removePassword', async ({ currentPassword }) => {
    const result = await touching(accounts.writeKeys((v) => v.removePassword(currentPassword)));
    if (!result.ok) return result;
    await browser.storage.session.remove(SESSION_KEY);
    return status(await getVault());
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
