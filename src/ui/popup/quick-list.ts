/**
 * The list without waiting for the worker: an extension page may read the extension's IndexedDB and
 * `storage.session` itself, so the popup opens the list snapshot (`src/vault/snapshot.ts`) while the
 * worker is still starting. Read-only: nothing is written here, the plaintext stays in this page's
 * memory, and the worker's own answer (asked at the same time) still follows and wins.
 *
 * Anything this page cannot be sure of gives `undefined`, and the popup waits for the worker:
 * no snapshot, a schema this code does not know, a password vault that is locked (no session key)
 * or past its auto-lock time, an organisation that requires a password the vault does not have.
 */
import { browser } from 'wxt/browser';
import { accountClockOffsetMs, parseClockReadings } from '../../core/clock-correction';
import { normalizeSettings } from '../../core/settings';
import type { PageSite } from '../../core/site-match';
import type { ResponseOf } from '../../messaging/protocol';
import { openDeviceSlot, parseDeviceSlot, SLOT_DEVICE, SLOT_PASSWORD } from '../../vault/device-slot';
import { STORE_KV, STORE_META } from '../../vault/migrations';
import { fromBase64, LOCK_AT_KEY, PAGE_DOMAINS_KEY, SESSION_KEY } from '../../vault/session-keys';
import { GENERATION_KEY, openSnapshot, readGeneration, SNAPSHOT_KEY } from '../../vault/snapshot';

const DB_NAME = 'tweestap';
type List = ResponseOf<'vault.list'>;

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/** Opens whatever version exists: never creates, never upgrades (that is the worker's). */
function openExisting(): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DB_NAME);
    opening.onupgradeneeded = () => opening.transaction?.abort();
    opening.onsuccess = () => {
      const db = opening.result;
      // A schema this page does not read (older, before the worker migrated it) is the worker's to read.
      if (db.objectStoreNames.contains(STORE_META) && db.objectStoreNames.contains(STORE_KV)) resolve(db);
      else {
        db.close();
        resolve(undefined);
      }
    };
    // An aborted upgrade means there was no database yet: the worker makes it.
    opening.onerror = () =>
      opening.error?.name === 'AbortError' ? resolve(undefined) : reject(opening.error);
  });
}

async function readStores(db: IDBDatabase) {
  const tx = db.transaction([STORE_META, STORE_KV], 'readonly');
  const meta = tx.objectStore(STORE_META);
  const kv = tx.objectStore(STORE_KV);
  const [password, device, generation, snapshot, clock, settings] = await Promise.all([
    request(meta.get(SLOT_PASSWORD)),
    request(meta.get(SLOT_DEVICE)),
    request(meta.get(GENERATION_KEY)),
    request(meta.get(SNAPSHOT_KEY)),
    request(kv.get('clock')),
    request(kv.get('settings')),
  ]);
  return { hasPassword: password !== undefined, device, generation, snapshot, clock, settings };
}

async function dataKey(hasPassword: boolean, device: unknown, session: Record<string, unknown>) {
  if (!hasPassword) {
    const slot = parseDeviceSlot(device);
    return slot && openDeviceSlot(slot);
  }
  const raw = session[SESSION_KEY];
  const lockAt = session[LOCK_AT_KEY];
  if (typeof raw !== 'string' || (typeof lockAt === 'number' && Date.now() >= lockAt)) return undefined;
  return crypto.subtle.importKey('raw', fromBase64(raw), { name: 'AES-GCM' }, false, ['decrypt']);
}

/** Whether the organisation requires a password; unknown (no managed storage) counts as "ask the worker". */
async function passwordRequiredByPolicy(): Promise<boolean | undefined> {
  try {
    return (await browser.storage.managed.get('requirePassword')).requirePassword === true;
  } catch {
    return undefined;
  }
}

export interface QuickRead {
  list: List;
  /** Page hosts → registrable domain, as the worker worked them out. */
  domains: Record<string, string>;
}

export async function quickList(): Promise<QuickRead | undefined> {
  const [db, session, policyRequiresPassword] = await Promise.all([
    openExisting(),
    browser.storage.session.get([SESSION_KEY, LOCK_AT_KEY, PAGE_DOMAINS_KEY]),
    passwordRequiredByPolicy(),
  ]);
  performance.mark('tweestap:quick-opened');
  if (!db) return undefined;
  try {
    const stored = await readStores(db);
    performance.mark('tweestap:quick-read');
    if (policyRequiresPassword === undefined || (policyRequiresPassword && !stored.hasPassword))
      return undefined;
    const dek = await dataKey(stored.hasPassword, stored.device, session);
    const snapshot = dek && (await openSnapshot(dek, stored.snapshot, readGeneration(stored.generation)));
    performance.mark('tweestap:quick-decrypted');
    if (!snapshot) return undefined;
    // The worker adopts settings from older builds before it lists, and a snapshot only exists once it has.
    const manual = normalizeSettings(stored.settings).manualClockOffsetSeconds;
    const readings = parseClockReadings(stored.clock);
    const clockOffsets = Object.fromEntries(
      snapshot.accounts.map((account) => [account.id, accountClockOffsetMs(readings[account.id], manual)]),
    );
    const domains = session[PAGE_DOMAINS_KEY];
    return {
      list: { ...snapshot, clockOffsets },
      domains: typeof domains === 'object' && domains !== null ? (domains as Record<string, string>) : {},
    };
  } finally {
    db.close();
  }
}

/**
 * "This site" for `url` without the Public Suffix List, when the answer does not depend on it: the
 * registrable domain only matters for an account entry that is a parent of the host (`school.nl`
 * for `login.school.nl`), and for those the worker's earlier answer is used. Undefined: ask the worker.
 */
export function localPageSite(
  url: string,
  accounts: readonly { sites: readonly string[] }[],
  domains: Record<string, string>,
): PageSite | undefined {
  const { origin, hostname } = new URL(url);
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const known = domains[host];
  if (known) return { origin, host, domain: known };
  const needsList = accounts.some((account) =>
    account.sites.some((site) => !site.includes('://') && host.endsWith(`.${site.toLowerCase()}`)),
  );
  return needsList ? undefined : { origin, host, domain: host };
}
