import { browser } from 'wxt/browser';

/**
 * Secrets the worker itself has just read from a QR code, or just removed (for Undo). With
 * `disableManualEntry` these are the only ones `vault.add` and `vault.restore` accept: a page could
 * claim "I scanned this", but only the worker knows what it decoded. Kept in storage.session (memory
 * only, trusted contexts only) so a worker that sleeps between the scan and the user's choice still
 * knows; only SHA-256 digests are kept, never the secrets.
 */
const KEY = 'tweestap.seenSecrets';
const KEEP_MS = 30 * 60_000;

async function digest(secret: string): Promise<string> {
  const canonical = secret.toUpperCase().replace(/[\s=-]/g, '');
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function fresh(): Promise<Record<string, number>> {
  const stored = (await browser.storage.session.get(KEY))[KEY] as Record<string, number> | undefined;
  const now = Date.now();
  return Object.fromEntries(Object.entries(stored ?? {}).filter(([, at]) => now - at < KEEP_MS));
}

export async function rememberSecrets(secrets: readonly string[]): Promise<void> {
  if (secrets.length === 0) return;
  const seen = await fresh();
  const now = Date.now();
  for (const secret of secrets) seen[await digest(secret)] = now;
  await browser.storage.session.set({ [KEY]: seen });
}

export async function secretWasSeen(secret: string): Promise<boolean> {
  return Object.hasOwn(await fresh(), await digest(secret));
}
