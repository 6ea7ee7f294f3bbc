/**
 * Sync between the user's own computers through `storage.sync` (issue 17): only ciphertext leaves
 * this computer, sealed under a key from the sync passphrase (`src/core/sync/key.ts`), packed into
 * 16 items (`src/core/sync/pack.ts`). Each run reads the synced data, merges it with the accounts
 * here account by account (`src/core/sync/merge.ts`), applies what came from elsewhere in one vault
 * transaction, and writes back only the items that changed, in one `set`.
 *
 * What this computer knows about sync (the key, its device id, what it last agreed for each account)
 * is sealed under the vault's data key (`src/vault/sealed-meta.ts`): sync runs only while unlocked.
 */
import { browser } from 'wxt/browser';
import type { StoredAccount } from '../core/account';
import { fail, ok, type Result } from '../core/errors';
import {
  exportSyncKey,
  HEADER_KEY,
  importSyncKey,
  keyFromPassphrase,
  newSyncKey,
  parseSyncHeader,
  type SyncHeader,
} from '../core/sync/key';
import {
  contentKey,
  type Decision,
  decide,
  pruneTombstones,
  resolve,
  type SyncBase,
  TOMBSTONE_TTL_S,
} from '../core/sync/merge';
import {
  BUCKET_COUNT,
  bucketKey,
  encodeEntries,
  openBucket,
  packBuckets,
  SYNC_QUOTA,
} from '../core/sync/pack';
import type { SyncEntry, SyncedAccount, VersionVector } from '../core/sync/types';
import type { SyncAccountName, SyncStatus } from '../messaging/protocol';
import type { BackgroundRouter } from '../messaging/router';
import type { NewAccount } from '../vault/account-shape';
import { SYNCED_AT_KEY } from '../vault/session-keys';
import type { AccountUpdate, Vault } from '../vault/vault';
import { readPolicy } from './policy';
import { accounts, getVault, onUnlocked } from './vault-service';

const SYNC_ALARM = 'tweestap-sync';
/** kv: the synced data this computer turned sync off for, so Settings does not offer it as found. */
const DECLINED_KEY = 'sync-declined';
/** Room kept free beside the header, so a slightly larger header never pushes the items over. */
const RESERVE_BYTES = 256;
const DAMAGE_SHOWN_MS = 24 * 60 * 60 * 1000;

interface SyncState {
  v: 1;
  deviceId: string;
  key: string;
  header: SyncHeader;
  bases: Record<string, SyncBase>;
  /** syncId → this computer's account id. */
  ids: Record<string, string>;
  conflicts: Record<string, { remote: SyncEntry; localVv: VersionVector }>;
  /** The last run that met damaged parts: this run writes them again, but Settings tells it a day. */
  damage?: { at: number; parts: number };
  report?: {
    at: number;
    synced: number;
    bytes: number;
    left: string[];
    slimmed: string[];
    writeFailed?: boolean;
  };
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const randomHex = (length: number) => hex(crypto.getRandomValues(new Uint8Array(length)));
const seconds = (ms: number) => Math.floor(ms / 1000);

/** A short, fast digest of an account's content: told apart, not kept secret (it is sealed anyway). */
function hashOf(account: SyncedAccount): string {
  const text = contentKey(account);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

function toSynced(account: StoredAccount): SyncedAccount {
  return {
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    sites: [...account.sites],
    notes: account.notes,
    recoveryCodes: account.recoveryCodes.map(({ code, used }) => ({ code, used })),
    updatedAt: seconds(account.updatedAt),
  };
}

/** What a synced version changes in an account here; notes that did not travel stay as they are. */
function patchFrom(synced: SyncedAccount): AccountUpdate['patch'] {
  const { updatedAt: _at, notes, recoveryCodes, ...fields } = synced;
  return {
    ...fields,
    sites: [...synced.sites],
    ...(notes !== undefined ? { notes } : {}),
    ...(recoveryCodes !== undefined ? { recoveryCodes } : {}),
  };
}

function newFrom(synced: SyncedAccount): NewAccount {
  return {
    ...patchFrom(synced),
    notes: synced.notes ?? '',
    recoveryCodes: synced.recoveryCodes ?? [],
    createdAt: synced.updatedAt * 1000,
  } as NewAccount;
}

async function readState(vault: Vault): Promise<Result<SyncState | undefined>> {
  const read = await vault.readSealed('sync-state');
  if (!read.ok) return read;
  const state = read.value as SyncState | undefined;
  return ok(state?.v === 1 ? state : undefined);
}

async function writeState(state: SyncState | undefined): Promise<Result<void>> {
  return accounts.writeKeys((vault) => vault.writeSealed('sync-state', state));
}

type SyncItems = Record<string, unknown>;

const readItems = async (): Promise<SyncItems> => (await browser.storage.sync.get(null)) as SyncItems;

interface Remote {
  entries: Map<string, SyncEntry>;
  /** Per bucket, the entries as written, or undefined where the item did not open. */
  buckets: (SyncEntry[] | undefined)[];
  damaged: number;
}

async function openRemote(key: CryptoKey, header: SyncHeader, items: SyncItems): Promise<Remote> {
  const entries = new Map<string, SyncEntry>();
  const buckets: (SyncEntry[] | undefined)[] = [];
  let damaged = 0;
  for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
    const value = items[bucketKey(bucket)];
    if (value === undefined) {
      buckets.push([]);
      continue;
    }
    const opened = typeof value === 'string' ? await openBucket(key, header.keyId, value) : undefined;
    if (!opened?.ok) {
      damaged++;
      buckets.push(undefined);
      continue;
    }
    buckets.push(opened.entries);
    for (const entry of opened.entries) entries.set(entry.syncId, entry);
  }
  return { entries, buckets, damaged };
}

const sameSecret = (a: { secret: string; type: string }, b: { secret: string; type: string }) =>
  a.secret === b.secret && a.type === b.type;

/** Pending pulls, collected so they land in one vault transaction. */
interface Pulls {
  adds: { syncId: string; account: NewAccount }[];
  updates: { syncId: string; update: AccountUpdate }[];
  removes: { syncId: string; id: string; revision: number }[];
}

/**
 * One sync run. Nothing here deletes or overwrites an account unless the merge says another computer
 * changed it after this one last agreed: damage and foreign items only skip what they held.
 */
async function runOnce(
  extra?: (state: SyncState, local: Map<string, StoredAccount>) => Promise<void>,
): Promise<Result<void>> {
  const vault = await getVault();
  if (vault.state() === 'locked') return fail('locked');
  const read = await readState(vault);
  if (!read.ok) return read;
  const state = read.value;
  if (!state) return fail('sync-off');
  const key = await importSyncKey(state.key);
  if (!key) return fail('internal', { message: 'the kept sync key is malformed' });

  const items = await readItems();
  const header = parseSyncHeader(items[HEADER_KEY]);
  if (header && header.keyId !== state.header.keyId) return fail('sync-passphrase-changed');
  // No header: the synced data was wiped (or never arrived); ours is written again below.
  const remote = await openRemote(key, state.header, items);

  const listed = await accounts.list();
  if (!listed.ok) return listed;
  const local = new Map(listed.value.accounts.map((account) => [account.id, account]));
  if (extra) await extra(state, local);
  const syncIdOf = new Map(Object.entries(state.ids).map(([syncId, id]) => [id, syncId]));
  for (const [syncId, id] of Object.entries(state.ids))
    if (!local.has(id) && !state.bases[syncId]) delete state.ids[syncId];

  const skip = matchBySecret(state, local, syncIdOf, remote.entries);

  const now = seconds(Date.now());
  const pushes = new Map<string, SyncEntry>();
  const pulls: Pulls = { adds: [], updates: [], removes: [] };
  const pulled = new Map<string, SyncEntry>();
  state.conflicts = {};
  const ids = new Set([...Object.keys(state.ids), ...remote.entries.keys(), ...Object.keys(state.bases)]);
  for (const syncId of ids) {
    if (skip.has(syncId)) continue;
    const here = state.ids[syncId] ? local.get(state.ids[syncId]!) : undefined;
    const decision: Decision = decide(
      state.deviceId,
      { syncId, account: here && toSynced(here), base: state.bases[syncId] },
      remote.entries.get(syncId),
      hashOf,
      now,
    );
    if (decision.kind === 'push') {
      pushes.set(syncId, decision.entry);
      state.bases[syncId] = baseOf(decision.entry, here);
      if (!decision.entry.account) delete state.ids[syncId];
    } else if (decision.kind === 'pull') {
      pulled.set(syncId, decision.entry);
      if (decision.alsoPush) pushes.set(syncId, decision.entry);
      const { account } = decision.entry;
      if (account && here)
        pulls.updates.push({
          syncId,
          update: { id: here.id, revision: here.revision, patch: patchFrom(account) },
        });
      else if (account) pulls.adds.push({ syncId, account: newFrom(account) });
      else if (here) pulls.removes.push({ syncId, id: here.id, revision: here.revision });
      if (!account) state.bases[syncId] = baseOf(decision.entry, undefined);
    } else if (decision.kind === 'conflict') {
      state.conflicts[syncId] = { remote: decision.remoteEntry, localVv: decision.localVv };
    }
  }

  if (pulls.adds.length + pulls.updates.length + pulls.removes.length > 0) {
    const applied = await accounts.applySync(
      pulls.adds.map(({ account }) => account),
      pulls.updates.map(({ update }) => update),
      pulls.removes.map(({ id, revision }) => ({ id, revision })),
    );
    // Something changed here meanwhile: the next run sees it and merges again.
    if (!applied.ok) return applied;
    applied.value.added.forEach((account, i) => {
      const { syncId } = pulls.adds[i]!;
      state.ids[syncId] = account.id;
      state.bases[syncId] = baseOf(pulled.get(syncId)!, account);
    });
    applied.value.updated.forEach((account, i) => {
      const { syncId } = pulls.updates[i]!;
      state.bases[syncId] = baseOf(pulled.get(syncId)!, account);
    });
    for (const { syncId } of pulls.removes) delete state.ids[syncId];
    await browser.storage.session.set({ [SYNCED_AT_KEY]: Date.now() });
  }
  // A deletion is remembered as long as its tombstone lives: a computer back after longer than that
  // writes the account again, and this base is what deletes it once more.
  for (const [syncId, base] of Object.entries(state.bases)) {
    if (base.deleted && (base.deletedAt ?? now) < now - TOMBSTONE_TTL_S) delete state.bases[syncId];
  }

  if (remote.damaged > 0) state.damage = { at: Date.now(), parts: remote.damaged };
  else if (state.damage && Date.now() - state.damage.at > DAMAGE_SHOWN_MS) delete state.damage;
  const written = await write(key, state, header === undefined, remote, pushes, now);
  return writeState({ ...state, report: { ...written, at: Date.now() } });
}

/**
 * Sync ids for the accounts here that sync has not met yet, and one id for an account two computers
 * gave different ids (each added it before hearing of the other). The same secret and type is the same
 * account (the duplicate rule); of two ids the smaller stays, so both computers choose alike, and the
 * other is retired (its base, left without an account, becomes a tombstone). Answers the remote ids
 * to leave alone this run: duplicates the other computer will retire itself.
 */
function matchBySecret(
  state: SyncState,
  local: Map<string, StoredAccount>,
  syncIdOf: Map<string, string>,
  remote: Map<string, SyncEntry>,
): Set<string> {
  const skip = new Set<string>();
  const unmatched = [...remote.values()].filter((entry) => entry.account && !state.ids[entry.syncId]);
  for (const entry of unmatched) {
    const twin = [...local.values()].find((account) => sameSecret(entry.account!, account));
    if (!twin) continue;
    const current = syncIdOf.get(twin.id);
    if (current === undefined || entry.syncId < current) {
      if (current !== undefined) delete state.ids[current];
      state.ids[entry.syncId] = twin.id;
      syncIdOf.set(twin.id, entry.syncId);
    } else skip.add(entry.syncId);
  }
  for (const account of local.values()) {
    if (syncIdOf.has(account.id)) continue;
    const syncId = randomHex(6);
    state.ids[syncId] = account.id;
    syncIdOf.set(account.id, syncId);
  }
  return skip;
}

function baseOf(entry: SyncEntry, account: StoredAccount | undefined): SyncBase {
  return account
    ? { vv: entry.vv, hash: hashOf(toSynced(account)), deleted: false }
    : {
        vv: entry.vv,
        hash: '',
        deleted: true,
        ...(entry.deletedAt !== undefined ? { deletedAt: entry.deletedAt } : {}),
      };
}

/** Packs what the synced data should now hold and writes the items that differ, in one `set`. */
async function write(
  key: CryptoKey,
  state: SyncState,
  headerMissing: boolean,
  remote: Remote,
  pushes: Map<string, SyncEntry>,
  now: number,
): Promise<NonNullable<SyncState['report']>> {
  const entries = new Map(remote.entries);
  for (const [syncId, entry] of pushes) entries.set(syncId, entry);
  const all = pruneTombstones([...entries.values()], now);
  const headerBytes = HEADER_KEY.length + JSON.stringify(state.header).length;
  const packed = await packBuckets(
    key,
    state.header.keyId,
    all,
    SYNC_QUOTA.totalBytes - headerBytes - RESERVE_BYTES,
  );
  const changed: Record<string, unknown> = headerMissing ? { [HEADER_KEY]: state.header } : {};
  packed.buckets.forEach((bucket, i) => {
    const before = remote.buckets[i];
    if (headerMissing || !before || !sameBytes(encodeEntries(before), encodeEntries(bucket)))
      changed[bucketKey(i)] = packed.items[bucketKey(i)];
  });
  let writeFailed = false;
  if (Object.keys(changed).length > 0) {
    try {
      await browser.storage.sync.set(changed);
    } catch (error) {
      // The quota or the write rate: kept as it is, told in Settings, tried again by the alarm.
      console.warn('Tweestap: the browser refused the synced data', error);
      writeFailed = true;
    }
  }
  const live = all.filter((entry) => entry.account !== undefined).length;
  return {
    at: Date.now(),
    synced: live - packed.left.filter((syncId) => entries.get(syncId)?.account).length,
    bytes: packed.bytes + headerBytes,
    left: packed.left,
    slimmed: packed.slimmed,
    ...(writeFailed ? { writeFailed } : {}),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// One at a time: a run, a passphrase change and a resolution each see the others' results whole.
let queue: Promise<unknown> = Promise.resolve();
let timer: ReturnType<typeof setTimeout> | undefined;

function serially<T>(job: () => Promise<Result<T>>): Promise<Result<T>> {
  const next = queue.then(job).catch((error: unknown) => fail('internal', { message: String(error) }));
  queue = next;
  return next;
}

const runSerial = () => serially(() => runOnce());

/** Debounced: a burst of edits becomes one write (the write quota is 120 a minute). */
export function syncSoon(delayMs = 2_000): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void (async () => {
      const vault = await getVault();
      if (vault.state() === 'unlocked' && (await syncAllowed())) await runSerial();
    })();
  }, delayMs);
}

async function syncAllowed(): Promise<boolean> {
  return (await readPolicy()).policy.disableSync !== true;
}

function names(state: SyncState, local: Map<string, StoredAccount>, syncIds: string[]): SyncAccountName[] {
  return syncIds.flatMap((syncId) => {
    const account = state.ids[syncId] ? local.get(state.ids[syncId]!) : undefined;
    return account ? [{ syncId, issuer: account.issuer, label: account.label }] : [];
  });
}

export async function syncStatus(): Promise<Result<SyncStatus>> {
  if (!(await syncAllowed())) return ok({ state: 'forbidden' });
  const vault = await getVault();
  if (vault.state() === 'locked') return ok({ state: 'locked' });
  const read = await readState(vault);
  if (!read.ok) return read;
  const state = read.value;
  const items = await readItems();
  const header = parseSyncHeader(items[HEADER_KEY]);
  const declined = await vault.readKv(DECLINED_KEY);
  if (!state)
    return ok({ state: header && !(declined.ok && declined.value === header.keyId) ? 'found' : 'off' });
  if (header && header.keyId !== state.header.keyId) return ok({ state: 'passphrase-changed' });
  const listed = await accounts.list();
  if (!listed.ok) return listed;
  const local = new Map(listed.value.accounts.map((account) => [account.id, account]));
  const report = state.report;
  return ok({
    state: 'on',
    synced: report?.synced ?? 0,
    usedBytes: report?.bytes ?? 0,
    quotaBytes: SYNC_QUOTA.totalBytes,
    notSynced: names(state, local, report?.left ?? []),
    slimmed: names(state, local, report?.slimmed ?? []),
    damagedParts: state.damage && Date.now() - state.damage.at <= DAMAGE_SHOWN_MS ? state.damage.parts : 0,
    conflicts: Object.entries(state.conflicts).flatMap(([syncId, { remote }]) => {
      const here = state.ids[syncId] ? local.get(state.ids[syncId]!) : undefined;
      const there = remote.account;
      if (!here || !there) return [];
      return [
        {
          syncId,
          here: { issuer: here.issuer, label: here.label, updatedAt: here.updatedAt },
          there: { issuer: there.issuer, label: there.label, updatedAt: there.updatedAt * 1000 },
        },
      ];
    }),
    ...(report ? { lastSyncAt: report.at } : {}),
    ...(report?.writeFailed ? { writeFailed: true } : {}),
  });
}

/** Turn sync on: join the synced data that is there (its passphrase), or start it with a new one. */
async function enable(passphrase: string, startOver: boolean): Promise<Result<void>> {
  const vault = await getVault();
  const read = await readState(vault);
  if (!read.ok) return read;
  const previous = read.value;
  const header = parseSyncHeader((await readItems())[HEADER_KEY]);
  let made: { header: SyncHeader; key: CryptoKey };
  if (header && !startOver) {
    const key = await keyFromPassphrase(passphrase, header);
    if (!key) return fail('sync-wrong-passphrase');
    made = { header, key };
  } else {
    made = await newSyncKey(passphrase);
    try {
      // The new header first: a computer that syncs in between sees a new passphrase, not lost data.
      await browser.storage.sync.set({ [HEADER_KEY]: made.header });
      if (header)
        await browser.storage.sync.remove(Array.from({ length: BUCKET_COUNT }, (_, i) => bucketKey(i)));
    } catch {
      return fail('sync-storage-failed');
    }
  }
  // After a passphrase change elsewhere, what this computer agreed before still holds.
  const kept = previous ?? { bases: {}, ids: {}, conflicts: {} };
  const saved = await writeState({
    v: 1,
    deviceId: previous?.deviceId ?? randomHex(4),
    key: await exportSyncKey(made.key),
    header: made.header,
    bases: kept.bases,
    ids: kept.ids,
    conflicts: kept.conflicts,
  });
  if (!saved.ok) return saved;
  await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 15 });
  return runOnce();
}

/** A new passphrase: every item sealed again and written with the new header in one `set`. */
async function changePassphrase(passphrase: string): Promise<Result<void>> {
  const vault = await getVault();
  const read = await readState(vault);
  if (!read.ok) return read;
  const state = read.value;
  if (!state) return fail('sync-off');
  const synced = await runOnce();
  if (!synced.ok) return synced;
  const oldKey = (await importSyncKey(state.key))!;
  const items = await readItems();
  const remote = await openRemote(oldKey, state.header, items);
  const made = await newSyncKey(passphrase);
  const headerBytes = HEADER_KEY.length + JSON.stringify(made.header).length;
  const packed = await packBuckets(
    made.key,
    made.header.keyId,
    [...remote.entries.values()],
    SYNC_QUOTA.totalBytes - headerBytes - RESERVE_BYTES,
  );
  try {
    await browser.storage.sync.set({ [HEADER_KEY]: made.header, ...packed.items });
  } catch {
    return fail('sync-storage-failed');
  }
  const again = await readState(vault);
  if (!again.ok || !again.value) return again.ok ? fail('sync-off') : again;
  return writeState({ ...again.value, key: await exportSyncKey(made.key), header: made.header });
}

async function resolveConflict(syncId: string, keep: 'here' | 'there'): Promise<Result<void>> {
  return runOnceWith(async (state, local) => {
    const conflict = state.conflicts[syncId];
    const here = state.ids[syncId] ? local.get(state.ids[syncId]!) : undefined;
    if (!conflict || !here || !conflict.remote.account) return;
    const chosen = keep === 'here' ? toSynced(here) : conflict.remote.account;
    const entry = resolve(state.deviceId, syncId, chosen, conflict.localVv, conflict.remote.vv);
    let after = here;
    if (keep === 'there') {
      const updated = await accounts.update(here.id, here.revision, patchFrom(chosen));
      if (!updated.ok) return;
      after = updated.value;
      local.set(after.id, after);
      await browser.storage.session.set({ [SYNCED_AT_KEY]: Date.now() });
    }
    // Agreed at the resolved version: the run that follows writes it, as it supersedes both.
    state.bases[syncId] = baseOf(entry, after);
    delete state.conflicts[syncId];
  });
}

function runOnceWith(
  before: (state: SyncState, local: Map<string, StoredAccount>) => Promise<void>,
): Promise<Result<void>> {
  return serially(() => runOnce(before));
}

async function answer(done: Result<void>): Promise<Result<SyncStatus>> {
  if (!done.ok && done.error.code !== 'sync-passphrase-changed') return done;
  return syncStatus();
}

export function registerSync(router: BackgroundRouter): void {
  router.on('sync.status', () => syncStatus());
  router.on('sync.enable', async ({ passphrase, startOver }) =>
    answer(await serially(() => enable(passphrase, startOver === true))),
  );
  router.on('sync.changePassphrase', async ({ passphrase }) =>
    answer(await serially(() => changePassphrase(passphrase))),
  );
  router.on('sync.disable', async () => {
    const vault = await getVault();
    const kept = await readState(vault);
    const removed = await serially(() => writeState(undefined));
    if (!removed.ok) return removed;
    if (kept.ok && kept.value) await vault.writeKv(DECLINED_KEY, kept.value.header.keyId);
    await browser.alarms.clear(SYNC_ALARM);
    return syncStatus();
  });
  router.on('sync.resolve', async ({ syncId, keep }) => answer(await resolveConflict(syncId, keep)));
  router.on('sync.now', async () => answer(await runSerial()));

  accounts.onChange((change) => {
    if (change.kind !== 'reset' && change.kind !== 'synced') syncSoon();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && Object.keys(changes).some((key) => key.startsWith('tw.'))) syncSoon(300);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) syncSoon(0);
  });
  onUnlocked(() => syncSoon(0));
  // The worker woke (a restart while unlocked): catch up with what arrived meanwhile.
  syncSoon(3_000);
}
