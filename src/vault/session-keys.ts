/**
 * What the worker keeps in `storage.session` (trusted contexts only: our pages and the worker, never
 * a script in a web page) and the popup reads to show the list before the worker is up.
 */

/** The raw data key while a password vault is unlocked. */
export const SESSION_KEY = 'tweestap.sessionKey';
/** When auto-lock is due (ms since 1970): a popup must not read past it even if the alarm is late. */
export const LOCK_AT_KEY = 'tweestap.lockAt';
/** Registrable domains the worker worked out for page hosts (the Public Suffix List lives there). */
export const PAGE_DOMAINS_KEY = 'tweestap.pageDomains';
/** Bumped when sync brought changes from another computer: an open popup shows them at once. */
export const SYNCED_AT_KEY = 'tweestap.syncedAt';

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
