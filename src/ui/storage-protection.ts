import { browser } from 'wxt/browser';

/**
 * Whether the browser may evict the vault, the only copy of every secret, under storage pressure.
 * Chromium never evicts an origin that has `unlimitedStorage`, but still answers `persisted()`
 * with false for it; measured in Chromium 156, `persist()` is granted to no extension page (popup,
 * options, with or without that permission, with or without a click) and does not exist in the
 * worker. It is asked anyway: Firefox grants it to an extension with `unlimitedStorage`.
 */
export async function protectStorage(): Promise<boolean> {
  const storage = navigator.storage;
  if (storage && ((await storage.persisted()) || (await storage.persist()))) return true;
  return browser.permissions.contains({ permissions: ['unlimitedStorage'] });
}
