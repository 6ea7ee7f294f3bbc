import { browser } from 'wxt/browser';
import { Vault } from '../vault/vault';

const DB_NAME = 'tweestap';
export const SESSION_KEY = 'tweestap.sessionKey';

let vaultPromise: Promise<Vault> | undefined;

export function toBase64(bytes: Uint8Array): string {
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
