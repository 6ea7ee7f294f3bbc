import { browser } from 'wxt/browser';
import { fromBase64, SESSION_KEY } from '../vault/session-keys';
import { Vault } from '../vault/vault';

export { SESSION_KEY, toBase64 } from '../vault/session-keys';

export const DB_NAME = 'tweestap';

let vaultPromise: Promise<Vault> | undefined;

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

/**
 * Security-relevant state (settings, clock readings) lives beside the vault, not in `storage.local`:
 * every script the extension injects into a page can write `storage.local`, but none can reach the
 * extension's own IndexedDB. Values are not secret, so they stay readable while the vault is locked.
 */
export async function readTrusted(key: string): Promise<unknown> {
  const read = await (await getVault()).readKv(key);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

export async function writeTrusted(key: string, value: unknown): Promise<void> {
  const written = await (await getVault()).writeKv(key, value);
  if (!written.ok) throw new Error(written.error.message);
}
