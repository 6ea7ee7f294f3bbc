/**
 * The merge rules of sync between a user's own computers (issue 17), one syncId at a time.
 *
 * Each computer remembers, per syncId, the version it last agreed with the sync data (its *base*).
 * Comparing what it has now with that base says whether it changed the account here; comparing the
 * version vectors of both sides says who has seen whose changes. Only the vectors decide: `updatedAt`
 * and `deletedAt` come from computers' clocks, which may be hours apart, so they serve only to
 * prune old tombstones.
 *
 * What follows from that:
 * - a side that has seen the other's version wins (push or pull);
 * - two computers that changed the same account keep both versions and the user picks one
 *   (`conflict`, then `resolve`); identical changes, HOTP counters that only moved, and an edit
 *   made on top of content the other side merely merged, settle without asking;
 * - a deletion never beats an edit it has not seen: the edited account stays;
 * - a replayed, older sync state is superseded by what this computer has, so it changes nothing
 *   here and the newer state is written back.
 */
import type { DeviceId, SyncEntry, SyncedAccount, VersionVector } from './types.ts';
import { bump, compare, join, type Order } from './version-vector.ts';

/** Tombstones older than this (seconds) are pruned from the sync data. */
export const TOMBSTONE_TTL_S = 180 * 24 * 3600;

/**
 * What this computer last agreed with the sync data for one syncId: what it last read or wrote.
 * Save it with every write: its vector is where this computer's next change counts from, and a
 * base lost after a write is only recognised while the sync data still holds that write.
 */
export interface SyncBase {
  vv: VersionVector;
  /**
   * `hashOf` of the account as this computer stored it right after that agreement (after a pull,
   * including any notes it kept because the entry had none); unused on a tombstone base.
   */
  hash: string;
  deleted: boolean;
  /** On a tombstone base: the tombstone's `deletedAt`, so a re-written tombstone keeps its age. */
  deletedAt?: number;
}

/** What this computer has for one syncId, besides the sync data. */
export interface LocalSide {
  syncId: string;
  /** The account as stored here now (in SyncedAccount shape), or undefined if it is not stored here. */
  account: SyncedAccount | undefined;
  /** What this computer last agreed with the sync data for this id; undefined = never synced. */
  base: SyncBase | undefined;
}

/**
 * After `push`, `pull` and a resolved conflict the caller sets the base to the entry it wrote or
 * applied; after `same` the base stays as it is.
 */
export type Decision =
  /** Nothing to do. */
  | { kind: 'same' }
  /** Write this entry to the sync data; the local account stays as it is. */
  | { kind: 'push'; entry: SyncEntry }
  /**
   * Apply the entry here (store its account, or delete), base := it. `alsoPush`: the entry is a merge
   * neither side has yet, so write it to the sync data as well.
   */
  | { kind: 'pull'; entry: SyncEntry; alsoPush: boolean }
  /** Both sides changed the account: ask the user (then `resolve`); write nothing for this id. */
  | {
      kind: 'conflict';
      local: SyncedAccount;
      remote: SyncedAccount;
      remoteEntry: SyncEntry;
      localVv: VersionVector;
    };

const SAME: Decision = { kind: 'same' };

/**
 * The canonical content of an account, for `hashOf`: a stable JSON of the fields that travel.
 * `updatedAt` is left out: it is a clock reading, not content, and the vault moves it on writes
 * that do not travel (order, pinning), which must not count as changes. Notes and recovery codes
 * appear only when present, since absent means "did not fit", not "empty".
 */
export function contentKey(a: SyncedAccount): string {
  return JSON.stringify({
    type: a.type,
    issuer: a.issuer,
    label: a.label,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
    sites: a.sites,
    notes: a.notes,
    recoveryCodes: a.recoveryCodes?.map(({ code, used }) => ({ code, used })),
  });
}

/**
 * The two accounts without the optional fields either lacks. An entry without notes did not have
 * room for them, and the receiver keeps its own; that alone is no difference worth asking about.
 */
function comparable(a: SyncedAccount, b: SyncedAccount): [SyncedAccount, SyncedAccount] {
  const strip = (x: SyncedAccount): SyncedAccount => {
    const { notes, recoveryCodes, ...rest } = x;
    const out: SyncedAccount = rest;
    if (a.notes !== undefined && b.notes !== undefined) out.notes = notes;
    if (a.recoveryCodes !== undefined && b.recoveryCodes !== undefined) out.recoveryCodes = recoveryCodes;
    return out;
  };
  return [strip(a), strip(b)];
}

export function decide(
  me: DeviceId,
  local: LocalSide,
  remote: SyncEntry | undefined,
  hashOf: (a: SyncedAccount) => string,
  now: number,
): Decision {
  const { syncId, account, base } = local;
  const changed =
    account !== undefined
      ? base === undefined || base.deleted || hashOf(account) !== base.hash
      : base !== undefined && !base.deleted;
  const localVv = changed ? bump(base?.vv ?? {}, me) : (base?.vv ?? {});

  /** This computer's state as an entry: a change made here is deleted now, an agreed tombstone kept its age. */
  const mine = (): SyncEntry =>
    account !== undefined
      ? { syncId, vv: localVv, account }
      : { syncId, vv: localVv, deletedAt: changed ? now : (base?.deletedAt ?? now) };

  if (remote === undefined) {
    // Nothing in the sync data: never written, wiped, or a pruned tombstone. Writing what we have is
    // the choice that loses nothing. Its price: a computer away for longer than TOMBSTONE_TTL_S writes
    // back an account deleted meanwhile, until a computer that still keeps the tombstone as its base
    // reads it and writes the tombstone again (so bases outlive the tombstones in the sync data).
    if (account !== undefined || changed) return { kind: 'push', entry: mine() };
    return SAME;
  }

  let order: Order = compare(localVv, remote.vv);
  // The sync data already knows a change of ours as new as the one we think we are making: our base
  // is stale (lost after a write, or never kept). What our account descends from is then unknown, so
  // it is handled as concurrent, where nothing is dropped unasked.
  if (changed && (remote.vv[me] ?? 0) >= (localVv[me] ?? 0)) order = 'concurrent';

  switch (order) {
    // Equal vectors are the same version. Contents are not compared: an entry without notes that did
    // not fit is still that version. (Different contents under one vector would mean two computers
    // share a DeviceId, or a counter was reused after a lost base; nothing here could tell which is
    // right.)
    case 'equal':
      return SAME;
    case 'before':
      // A tombstone of an account that was never here needs no base.
      if (account === undefined && base === undefined && remote.account === undefined) return SAME;
      return { kind: 'pull', entry: remote, alsoPush: false };
    case 'after':
      // Ours has seen theirs: a change here, or an older state replayed into the sync data.
      return { kind: 'push', entry: mine() };
    case 'concurrent':
      return concurrent(me, local, changed, localVv, remote, hashOf, now);
  }
}

function concurrent(
  me: DeviceId,
  { syncId, account, base }: LocalSide,
  changed: boolean,
  localVv: VersionVector,
  remote: SyncEntry,
  hashOf: (a: SyncedAccount) => string,
  now: number,
): Decision {
  const joined = join(localVv, remote.vv);
  // Merges that pick one side are bumped: two computers merging different pairs could otherwise
  // reach the same vector with different contents. The equal-content merge needs no bump (its
  // content is that of both parents) and so settles in one step when two computers make it at once.
  const merged = bump(joined, me);
  const theirs = remote.account;

  if (account === undefined) {
    if (theirs !== undefined) {
      // Deleted here, edited there: the edit is kept.
      return { kind: 'pull', entry: { syncId, vv: merged, account: theirs }, alsoPush: true };
    }
    // Deleted on both. A deletion of ours not yet written joins theirs; an agreed one stays put.
    return changed
      ? { kind: 'push', entry: { syncId, vv: joined, deletedAt: remote.deletedAt ?? now } }
      : SAME;
  }
  // Edited here, deleted there: the edit is kept.
  if (theirs === undefined) return { kind: 'push', entry: { syncId, vv: merged, account } };

  const [ours, other] = comparable(account, theirs);
  if (hashOf(ours) === hashOf(other)) {
    // Nothing to choose. But two computers can make this same merge from different pairs, and equal
    // vectors are never looked at again: they must agree on updatedAt too, so take the later one
    // (display only; it decides nothing).
    if (theirs.updatedAt > account.updatedAt) {
      const entry = { syncId, vv: joined, account: { ...account, updatedAt: theirs.updatedAt } };
      return { kind: 'pull', entry, alsoPush: true };
    }
    return { kind: 'push', entry: { syncId, vv: joined, account } };
  }

  // Theirs holds exactly what we last agreed on: it is a merge (say, of our edit with a deletion),
  // not an edit, and our change builds on that very content. Asking would be a question without a
  // choice. The other way round does not hold: an unchanged account here may be our own write that
  // theirs overwrote unseen, so that still asks.
  if (changed && base !== undefined && !base.deleted && hashOf(theirs) === base.hash) {
    return { kind: 'push', entry: { syncId, vv: merged, account } };
  }

  // Two computers that each used an HOTP code moved only the counter; the higher one is the truth
  // (a lower counter would offer codes that were already used).
  if (
    account.type === 'hotp' &&
    theirs.type === 'hotp' &&
    hashOf({ ...ours, counter: 0 }) === hashOf({ ...other, counter: 0 })
  ) {
    return theirs.counter > account.counter
      ? { kind: 'pull', entry: { syncId, vv: merged, account: theirs }, alsoPush: true }
      : { kind: 'push', entry: { syncId, vv: merged, account } };
  }

  return { kind: 'conflict', local: account, remote: theirs, remoteEntry: remote, localVv };
}

/**
 * Resolving a conflict: the entry to push (and apply locally) so that it supersedes both sides.
 * Bumped, so that two computers resolving the same conflict differently are concurrent again (and
 * ask again) rather than silently equal. `keep` may be either side or a mix of both.
 */
export function resolve(
  me: DeviceId,
  syncId: string,
  keep: SyncedAccount,
  localVv: VersionVector,
  remoteVv: VersionVector,
): SyncEntry {
  return { syncId, vv: bump(join(localVv, remoteVv), me), account: keep };
}

/**
 * Drops tombstones whose `deletedAt` is more than TOMBSTONE_TTL_S ago. A tombstone without
 * `deletedAt` is kept: pruning it early could bring its account back, keeping it only costs bytes.
 */
export function pruneTombstones(entries: SyncEntry[], now: number): SyncEntry[] {
  return entries.filter(
    (entry) =>
      entry.account !== undefined ||
      entry.deletedAt === undefined ||
      entry.deletedAt >= now - TOMBSTONE_TTL_S,
  );
}
