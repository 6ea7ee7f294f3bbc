import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  contentKey,
  type Decision,
  decide,
  type LocalSide,
  pruneTombstones,
  resolve,
  type SyncBase,
  TOMBSTONE_TTL_S,
} from './merge.ts';
import type { DeviceId, SyncEntry, SyncedAccount } from './types.ts';
import { compare } from './version-vector.ts';

// --- A small world: computers with their own accounts and bases, and one shared sync data. ---------

type Conflict = Extract<Decision, { kind: 'conflict' }>;
type Kind = Decision['kind'];
type SyncData = Map<string, SyncEntry>;

interface Computer {
  name: string;
  me: DeviceId;
  /** This computer's clock, seconds; computers may disagree. */
  clock: number;
  accounts: Map<string, SyncedAccount>;
  bases: Map<string, SyncBase>;
  /** What the last run asked the user, by syncId. */
  conflicts: Map<string, Conflict>;
}

const T0 = 1_750_000_000;
const HOUR = 3600;

let ids = 0;
beforeEach(() => {
  ids = 0;
});
const newSyncId = () => (++ids).toString(16).padStart(12, '0');

function computer(name: string, me: DeviceId, skew = 0): Computer {
  return { name, me, clock: T0 + skew, accounts: new Map(), bases: new Map(), conflicts: new Map() };
}

const account = (fields: Partial<SyncedAccount> = {}): SyncedAccount => ({
  type: 'totp',
  issuer: 'Acme',
  label: 'X',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  sites: ['acme.test'],
  notes: '',
  recoveryCodes: [],
  updatedAt: T0,
  ...fields,
});

/** What storage does with a value: a JSON copy, so no computer shares objects with the sync data. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const copy = (data: SyncData): SyncData => new Map(stored([...data]));

function setBase(c: Computer, entry: SyncEntry): void {
  const here = c.accounts.get(entry.syncId);
  c.bases.set(
    entry.syncId,
    here !== undefined
      ? { vv: entry.vv, hash: contentKey(here), deleted: false }
      : { vv: entry.vv, hash: '', deleted: true, deletedAt: entry.deletedAt },
  );
}

function applyHere(c: Computer, entry: SyncEntry): void {
  if (entry.account) c.accounts.set(entry.syncId, stored(entry.account));
  else c.accounts.delete(entry.syncId);
  setBase(c, entry);
}

/**
 * One sync run on a computer, as the worker would do it: decide every id, act on each decision.
 * `view` is what it read (a replayed or stale snapshot when not the sync data itself); writes always
 * go to the sync data. A snapshot, like a storage.onChanged event, only speaks of the ids it holds.
 */
function run(c: Computer, data: SyncData, view: SyncData = data): Record<string, Kind> {
  const todo =
    view === data ? new Set([...c.accounts.keys(), ...c.bases.keys(), ...data.keys()]) : view.keys();
  const kinds: Record<string, Kind> = {};
  for (const syncId of todo) {
    const local: LocalSide = { syncId, account: c.accounts.get(syncId), base: c.bases.get(syncId) };
    const d = decide(c.me, local, view.get(syncId), contentKey, c.clock);
    kinds[syncId] = d.kind;
    c.conflicts.delete(syncId);
    if (d.kind === 'push') {
      data.set(syncId, stored(d.entry));
      setBase(c, d.entry);
    } else if (d.kind === 'pull') {
      applyHere(c, d.entry);
      if (d.alsoPush) data.set(syncId, stored(d.entry));
    } else if (d.kind === 'conflict') {
      c.conflicts.set(syncId, d);
    }
  }
  return kinds;
}

/** The user picks a side of a conflict the last run showed. */
function choose(c: Computer, data: SyncData, syncId: string, side: 'local' | 'remote'): void {
  const conflict = c.conflicts.get(syncId);
  if (!conflict) throw new Error(`${c.name} shows no conflict for ${syncId}`);
  const keep = side === 'local' ? conflict.local : conflict.remote;
  const entry = resolve(c.me, syncId, keep, conflict.localVv, conflict.remoteEntry.vv);
  applyHere(c, entry);
  data.set(syncId, stored(entry));
  c.conflicts.delete(syncId);
}

function add(c: Computer, fields: Partial<SyncedAccount> = {}): string {
  const syncId = newSyncId();
  c.accounts.set(syncId, account({ updatedAt: c.clock, ...fields }));
  return syncId;
}

function edit(c: Computer, syncId: string, fields: Partial<SyncedAccount>): void {
  const here = c.accounts.get(syncId);
  if (!here) throw new Error(`${c.name} has no ${syncId}`);
  c.accounts.set(syncId, { ...here, ...fields, updatedAt: c.clock });
}

const remove = (c: Computer, syncId: string) => c.accounts.delete(syncId);

const labels = (c: Computer) => [...c.accounts.values()].map((a) => a.label).sort();
const label = (c: Computer, syncId: string) => c.accounts.get(syncId)?.label;
const accountsOf = (c: Computer) =>
  Object.fromEntries([...c.accounts].sort(([a], [b]) => a.localeCompare(b)));
const onlySame = (kinds: Record<string, Kind>) => Object.values(kinds).every((kind) => kind === 'same');

/** Both (all) computers hold the same accounts, and another run on each has nothing to do. */
function expectConverged(computers: Computer[], data: SyncData): void {
  const [first, ...rest] = computers;
  for (const c of rest) expect(accountsOf(c), c.name).toEqual(accountsOf(first!));
  for (const c of computers) expect(run(c, data), `${c.name} has nothing left to do`).toSatisfy(onlySame);
}

/**
 * Full rounds until one has nothing to do; the user keeps the local side of any conflict.
 * Returns how many questions were asked on the way.
 */
function settle(computers: Computer[], data: SyncData, maxRounds: number): number {
  let asked = 0;
  for (let round = 1; round <= maxRounds; round++) {
    let quiet = true;
    for (const c of computers) {
      if (!onlySame(run(c, data))) quiet = false;
      for (const syncId of [...c.conflicts.keys()]) {
        asked++;
        choose(c, data, syncId, 'local');
      }
    }
    if (quiet) return asked;
  }
  throw new Error(`not settled after ${maxRounds} rounds`);
}

/** Computers A and B that both hold account X, synced. */
function twoComputers(skewB = 0) {
  const data: SyncData = new Map();
  const a = computer('A', 'aaaaaaaa');
  const b = computer('B', 'bbbbbbbb', skewB);
  const x = add(a, { label: 'X' });
  run(a, data);
  run(b, data);
  return { a, b, data, x };
}

// --- The table: what one computer did × what the other did, then A syncs, B syncs, A syncs. -------

type Op = 'nothing' | 'add' | 'edit' | 'delete';

function act(c: Computer, op: Op, x: string): void {
  if (op === 'add') add(c, { label: `new on ${c.name}` });
  if (op === 'edit') edit(c, x, { label: `X by ${c.name}` });
  if (op === 'delete') remove(c, x);
}

/** X ends as: a label, gone (null), or 'ask' (a conflict). */
type XEnds = string | null | 'ask';

// biome-ignore format: a table reads better in columns
const table: [Op, Op, XEnds, string[]][] = [
  // on A       on B        X ends as  and these are added
  ['nothing',  'nothing',  'X',       []],
  ['nothing',  'add',      'X',       ['new on B']],
  ['nothing',  'edit',     'X by B',  []],
  ['nothing',  'delete',   null,      []],
  ['add',      'nothing',  'X',       ['new on A']],
  ['add',      'add',      'X',       ['new on A', 'new on B']],
  ['add',      'edit',     'X by B',  ['new on A']],
  ['add',      'delete',   null,      ['new on A']],
  ['edit',     'nothing',  'X by A',  []],
  ['edit',     'add',      'X by A',  ['new on B']],
  ['edit',     'edit',     'ask',     []],
  ['edit',     'delete',   'X by A',  []], // the edit beats a deletion that had not seen it
  ['delete',   'nothing',  null,      []],
  ['delete',   'add',      null,      ['new on B']],
  ['delete',   'edit',     'X by B',  []], // likewise
  ['delete',   'delete',   null,      []],
];

describe('two computers, each changing things before they sync', () => {
  it.each(table)('A: %s, B: %s → X ends as %j, added %j', (onA, onB, xEnds, added) => {
    const { a, b, data, x } = twoComputers();
    act(a, onA, x);
    act(b, onB, x);

    run(a, data);
    run(b, data);
    run(a, data);

    if (xEnds === 'ask') {
      // A wrote first, so its version is in the sync data; B's exists only on B, which asks.
      expect(b.conflicts.get(x)).toMatchObject({ local: { label: 'X by B' }, remote: { label: 'X by A' } });
      expect(a.conflicts.size).toBe(0);
      expect(label(a, x)).toBe('X by A');
      expect(label(b, x)).toBe('X by B');
      expect(data.get(x)?.account?.label).toBe('X by A');
      // Until the user answers, nothing moves: B keeps asking, A has nothing to do.
      expect(run(b, data)[x]).toBe('conflict');
      expect(run(a, data)).toSatisfy(onlySame);
      return;
    }
    const expected = [...(xEnds === null ? [] : [xEnds]), ...added].sort();
    expect(labels(a)).toEqual(expected);
    expect(labels(b)).toEqual(expected);
    expectConverged([a, b], data);
  });
});

// --- Conflicts ------------------------------------------------------------------------------------

describe('both computers changed the same account', () => {
  it.each(['local', 'remote'] as const)(
    'asking, then keeping the %s side on the asking computer, ends with that version on both',
    (side) => {
      const { a, b, data, x } = twoComputers();
      edit(a, x, { label: 'X by A' });
      edit(b, x, { label: 'X by B', sites: ['acme.test', 'login.acme.test'] });
      run(a, data);
      run(b, data);
      expect(b.conflicts.has(x)).toBe(true);

      choose(b, data, x, side);
      run(a, data);

      const kept = side === 'local' ? 'X by B' : 'X by A';
      expect(label(a, x)).toBe(kept);
      expect(label(b, x)).toBe(kept);
      expectConverged([a, b], data);
    },
  );

  it('when both write at once, the computer whose write was overwritten is the one that asks', () => {
    const { a, b, data, x } = twoComputers();
    edit(a, x, { label: 'X by A' });
    edit(b, x, { label: 'X by B' });
    // Both read the same sync data and write; B's write lands last.
    const read = copy(data);
    expect(run(a, data, read)[x]).toBe('push');
    expect(run(b, data, read)[x]).toBe('push');

    expect(run(a, data)[x]).toBe('conflict');
    expect(run(b, data)[x]).toBe('same');
    expect(a.conflicts.get(x)).toMatchObject({ local: { label: 'X by A' }, remote: { label: 'X by B' } });

    choose(a, data, x, 'local');
    run(b, data);
    expect(label(b, x)).toBe('X by A');
    expectConverged([a, b], data);
  });

  it('two computers that resolve the same conflict differently are asked again, not silently split', () => {
    const { a, b, data, x } = twoComputers();
    edit(a, x, { label: 'X by A' });
    edit(b, x, { label: 'X by B' });
    const read = copy(data);
    run(a, data, read);
    run(b, data, read);
    run(a, data); // A asks (B's write won)
    // B learns of A's version too (say, from a replayed event holding A's write).
    const aWrite: SyncData = new Map([
      [x, { syncId: x, vv: a.bases.get(x)!.vv, account: a.accounts.get(x)! }],
    ]);
    run(b, data, aWrite);
    expect(b.conflicts.has(x)).toBe(true);

    choose(a, copy(data), x, 'local'); // A keeps A's (its write is lost: B's lands on top) ...
    choose(b, data, x, 'local'); // ... and B keeps B's, at the same time.

    run(a, data);
    expect(a.conflicts.has(x)).toBe(true);
    choose(a, data, x, 'remote');
    run(b, data);
    expect(label(a, x)).toBe('X by B');
    expectConverged([a, b], data);
  });

  it('the same change made on both is no conflict', () => {
    const { a, b, data, x } = twoComputers();
    b.clock += HOUR; // different updatedAt: not content
    edit(a, x, { label: 'X renamed' });
    edit(b, x, { label: 'X renamed' });
    run(a, data);
    expect(run(b, data)[x]).toBe('push');
    run(a, data);
    expect(label(a, x)).toBe('X renamed');
    expectConverged([a, b], data);
  });

  it('HOTP codes used on both computers: the higher counter wins, without asking', () => {
    const data: SyncData = new Map();
    const a = computer('A', 'aaaaaaaa');
    const b = computer('B', 'bbbbbbbb');
    const x = add(a, { type: 'hotp', counter: 3 });
    const y = add(a, { type: 'hotp', counter: 3, label: 'Y' });
    run(a, data);
    run(b, data);
    edit(a, x, { counter: 5 });
    edit(b, x, { counter: 7 });
    edit(a, y, { counter: 9 });
    edit(b, y, { counter: 4 });

    run(a, data);
    const kinds = run(b, data);
    expect(kinds[x]).toBe('push'); // A wrote 5; B keeps and writes its 7
    expect(kinds[y]).toBe('pull'); // A wrote 9; B takes it
    run(a, data);
    expect(a.accounts.get(x)?.counter).toBe(7);
    expect(b.accounts.get(y)?.counter).toBe(9);
    expectConverged([a, b], data);
  });

  it('HOTP counters that moved along with another change still ask', () => {
    const data: SyncData = new Map();
    const a = computer('A', 'aaaaaaaa');
    const b = computer('B', 'bbbbbbbb');
    const x = add(a, { type: 'hotp', counter: 3 });
    run(a, data);
    run(b, data);
    edit(a, x, { counter: 5 });
    edit(b, x, { counter: 7, label: 'renamed' });
    run(a, data);
    expect(run(b, data)[x]).toBe('conflict');
  });
});

// --- Deletion against edit --------------------------------------------------------------------------

describe('a deletion on one computer and an edit on the other', () => {
  it.each(['deleter', 'editor'] as const)('keeps the edit when the %s syncs first', (first) => {
    const { a, b, data, x } = twoComputers();
    remove(a, x);
    edit(b, x, { label: 'X by B' });
    const order = first === 'deleter' ? [a, b, a] : [b, a, b];
    for (const c of order) run(c, data);
    expect(label(a, x)).toBe('X by B');
    expect(label(b, x)).toBe('X by B');
    expectConverged([a, b], data);
  });

  it('keeps it even when the deletion was written before the edit was made', () => {
    const { a, b, data, x } = twoComputers();
    remove(a, x);
    run(a, data); // the tombstone is in the sync data; B has not read it
    edit(b, x, { label: 'X by B' });
    expect(run(b, data)[x]).toBe('push');
    run(a, data);
    expect(label(a, x)).toBe('X by B');
    expectConverged([a, b], data);
  });

  it('a deletion made after seeing the edit does delete', () => {
    const { a, b, data, x } = twoComputers();
    edit(b, x, { label: 'X by B' });
    run(b, data);
    run(a, data);
    remove(a, x);
    run(a, data);
    expect(run(b, data)[x]).toBe('pull');
    expect(b.accounts.has(x)).toBe(false);
    expectConverged([a, b], data);
  });

  it('an edit that follows a merged deletion is not asked about', () => {
    const { a, b, data, x } = twoComputers();
    edit(a, x, { label: 'X by A' });
    run(a, data);
    remove(b, x);
    expect(run(b, data)[x]).toBe('pull'); // B keeps A's edit and writes the merge
    edit(a, x, { label: 'X by A, again' }); // A edits before it has read B's merge
    expect(run(a, data)[x]).toBe('push');
    run(b, data);
    expect(label(b, x)).toBe('X by A, again');
    expectConverged([a, b], data);
  });
});

// --- Clocks ----------------------------------------------------------------------------------------

describe('clock skew', () => {
  it('a computer whose clock is 2 hours ahead does not win a concurrent edit by its later updatedAt', () => {
    for (const firstToSync of ['A', 'B']) {
      const { a, b, data, x } = twoComputers();
      a.clock += 2 * HOUR;
      edit(a, x, { label: 'X by A' });
      edit(b, x, { label: 'X by B' });
      expect(a.accounts.get(x)!.updatedAt).toBeGreaterThan(b.accounts.get(x)!.updatedAt);
      const [first, second] = firstToSync === 'A' ? [a, b] : [b, a];
      run(first, data);
      run(second, data);
      run(first, data);
      // Whatever the order, nobody's version replaced the other's: the one that wrote second asks.
      expect(label(a, x)).toBe('X by A');
      expect(label(b, x)).toBe('X by B');
      expect(second.conflicts.has(x)).toBe(true);
    }
  });

  it('a later edit wins from a computer whose clock is behind: it has seen the earlier one', () => {
    const { a, b, data, x } = twoComputers();
    a.clock += 2 * HOUR;
    edit(a, x, { label: 'X by A' });
    run(a, data);
    run(b, data);
    b.clock += 10 * 60;
    edit(b, x, { label: 'X by B, later' });
    expect(b.accounts.get(x)!.updatedAt).toBeLessThan(a.accounts.get(x)!.updatedAt);
    run(b, data);
    expect(run(a, data)[x]).toBe('pull');
    expect(label(a, x)).toBe('X by B, later');
    expectConverged([a, b], data);
  });
});

// --- Replays, lost data, lost bases -------------------------------------------------------------------

describe('an old sync state, delivered again', () => {
  function laterWorld() {
    const { a, b, data, x } = twoComputers();
    const y = add(a, { label: 'Y' });
    run(a, data);
    run(b, data);
    const old = copy(data);
    // Newer changes, synced everywhere: X edited, Y deleted, Z added.
    edit(b, x, { label: 'X by B' });
    remove(a, y);
    const z = add(a, { label: 'Z' });
    run(a, data);
    run(b, data);
    run(a, data);
    return { a, b, data, old, x, y, z };
  }

  it('as a storage event: changes nothing here, and writes the newer state back', () => {
    const { a, b, data, old, x, y } = laterWorld();
    const before = { a: accountsOf(a), b: accountsOf(b), data: copy(data) };
    const kinds = run(a, data, old);
    expect(kinds).toEqual({ [x]: 'push', [y]: 'push' });
    expect(accountsOf(a)).toEqual(before.a);
    expect(data).toEqual(before.data);
    run(b, data, old);
    expect(accountsOf(b)).toEqual(before.b);
  });

  it('written into the sync data: changes nothing on either computer, and the next runs restore it', () => {
    const { a, b, data, old, y, z } = laterWorld();
    const before = { a: accountsOf(a), b: accountsOf(b), data: copy(data) };
    data.clear();
    for (const [id, entry] of old) data.set(id, entry);

    const kinds = run(b, data);
    expect(Object.values(kinds)).not.toContain('pull');
    expect(kinds[z]).toBe('push'); // gone from the old state: written again
    expect(data.get(y)?.account).toBeUndefined(); // the tombstone is back, with its first deletedAt
    expect(data.get(y)?.deletedAt).toBe(before.data.get(y)?.deletedAt);
    run(a, data);
    expect(accountsOf(a)).toEqual(before.a);
    expect(accountsOf(b)).toEqual(before.b);
    expect(data).toEqual(before.data);
    expectConverged([a, b], data);
  });

  it('wiped sync data is written again from what the computers agreed', () => {
    const { a, b, data, x } = twoComputers();
    remove(b, x);
    const y = add(b, { label: 'Y' });
    data.clear();
    const kinds = run(b, data);
    expect(kinds).toEqual({ [x]: 'push', [y]: 'push' });
    expect(data.get(x)?.account).toBeUndefined();
    run(a, data);
    expect(labels(a)).toEqual(['Y']);
    expectConverged([a, b], data);
  });
});

describe('a base lost after a write (the worker stopped between the two)', () => {
  it('settles without asking when the account is what was written', () => {
    const { a, b, data, x } = twoComputers();
    const lost = a.bases.get(x)!;
    edit(a, x, { label: 'X by A' });
    run(a, data);
    a.bases.set(x, lost);
    expect(run(a, data)[x]).toBe('push'); // records the agreement again, same vector
    expect(a.bases.get(x)?.vv).toEqual(data.get(x)?.vv);
    run(b, data);
    expectConverged([a, b], data);
  });

  it('asks rather than guess when the account changed again since', () => {
    const { a, data, x } = twoComputers();
    const lost = a.bases.get(x)!;
    edit(a, x, { label: 'X by A' });
    run(a, data);
    a.bases.set(x, lost);
    edit(a, x, { label: 'X by A, again' });
    // The sync data knows a change of A's as new as the one A thinks it makes: which came first is
    // unknown, and a pull would drop the newer edit.
    expect(run(a, data)[x]).toBe('conflict');
  });
});

// --- Three computers -------------------------------------------------------------------------------------

describe('three computers', () => {
  it('changes to different accounts all arrive; a fourth computer joining later gets them too', () => {
    const data: SyncData = new Map();
    const [a, b, c] = [
      computer('A', 'aaaaaaaa'),
      computer('B', 'bbbbbbbb', -HOUR),
      computer('C', 'cccccccc', HOUR),
    ];
    const x = add(a, { label: 'X' });
    const y = add(a, { label: 'Y' });
    for (const k of [a, b, c]) run(k, data);

    edit(a, x, { label: 'X by A' });
    remove(b, y);
    add(c, { label: 'Z by C' });
    for (const k of [c, b, a, c, b]) run(k, data);
    expect(labels(a)).toEqual(['X by A', 'Z by C']);
    expectConverged([a, b, c], data);

    const d = computer('D', 'dddddddd');
    expect(Object.values(run(d, data))).not.toContain('push');
    expect(accountsOf(d)).toEqual(accountsOf(a));
  });

  it('B and C edit the same account: one asks, its answer reaches all three', () => {
    const data: SyncData = new Map();
    const [a, b, c] = [computer('A', 'aaaaaaaa'), computer('B', 'bbbbbbbb'), computer('C', 'cccccccc')];
    const x = add(a, { label: 'X' });
    for (const k of [a, b, c]) run(k, data);
    edit(b, x, { label: 'X by B' });
    edit(c, x, { label: 'X by C' });
    remove(a, x);
    for (const k of [a, b, c]) run(k, data);
    expect(c.conflicts.get(x)).toMatchObject({ local: { label: 'X by C' }, remote: { label: 'X by B' } });
    choose(c, data, x, 'local');
    for (const k of [a, b]) run(k, data);
    for (const k of [a, b, c]) expect(label(k, x)).toBe('X by C');
    expectConverged([a, b, c], data);
  });
});

// --- Tombstones ------------------------------------------------------------------------------------------

describe('tombstones', () => {
  const tomb = (syncId: string, deletedAt?: number): SyncEntry => ({
    syncId,
    vv: { aaaaaaaa: 1 },
    deletedAt,
  });
  const live = (syncId: string): SyncEntry => ({ syncId, vv: { aaaaaaaa: 1 }, account: account() });

  it('are pruned once older than TOMBSTONE_TTL_S, and only tombstones', () => {
    const now = T0 + TOMBSTONE_TTL_S;
    const entries = [live('1'), tomb('2', T0 - 1), tomb('3', T0), tomb('4', now), tomb('5')];
    expect(pruneTombstones(entries, now).map((e) => e.syncId)).toEqual(['1', '3', '4', '5']);
  });

  it('once pruned, change nothing on computers that saw them', () => {
    const { a, b, data, x } = twoComputers();
    remove(a, x);
    run(a, data);
    run(b, data);
    a.clock += TOMBSTONE_TTL_S + 1;
    b.clock += TOMBSTONE_TTL_S + 1;
    const pruned = pruneTombstones([...data.values()], a.clock);
    expect(pruned).toEqual([]);
    data.clear();
    expect(run(a, data)).toSatisfy(onlySame);
    expect(run(b, data)).toSatisfy(onlySame);
    expect(labels(b)).toEqual([]);
  });

  it('keep their age when written again, so a replay does not keep them forever', () => {
    const { a, b, data, x } = twoComputers();
    const old = copy(data);
    remove(a, x);
    run(a, data);
    const deletedAt = data.get(x)?.deletedAt;
    run(b, data);
    b.clock += 30 * 24 * HOUR;
    run(b, data, old);
    expect(data.get(x)?.deletedAt).toBe(deletedAt);
  });

  it('a computer away for longer than they are kept writes its account back, until one that remembers the deletion syncs', () => {
    const data: SyncData = new Map();
    const [a, b, c] = [computer('A', 'aaaaaaaa'), computer('B', 'bbbbbbbb'), computer('C', 'cccccccc')];
    const x = add(a, { label: 'X' });
    for (const k of [a, b, c]) run(k, data);
    remove(a, x);
    run(a, data);
    run(b, data);
    for (const k of [a, b, c]) k.clock += TOMBSTONE_TTL_S + 1;
    const kept = pruneTombstones([...data.values()], a.clock);
    data.clear();
    for (const entry of kept) data.set(entry.syncId, entry);
    // C never read the tombstone; with it gone, C's unchanged X looks like one the sync data lost.
    expect(run(c, data)[x]).toBe('push');
    // B's base still is the tombstone, which has seen C's version: B writes it again.
    expect(run(b, data)[x]).toBe('push');
    expect(run(c, data)[x]).toBe('pull');
    expect(labels(c)).toEqual([]);
    expectConverged([a, b, c], data);
    // Were the tombstone bases forgotten too, X would be back: the price of pruning.
  });
});

// --- decide() on its own, for the cases the simulation does not reach -------------------------------

describe('decide', () => {
  const me = 'aaaaaaaa';
  const other = 'bbbbbbbb';
  const x = account();
  const base = (vv: Record<string, number>, a: SyncedAccount = x): SyncBase => ({
    vv,
    hash: contentKey(a),
    deleted: false,
  });

  it('pushes a never-synced account at a first version of its own', () => {
    expect(decide(me, { syncId: 's', account: x, base: undefined }, undefined, contentKey, T0)).toEqual({
      kind: 'push',
      entry: { syncId: 's', vv: { [me]: 1 }, account: x },
    });
  });

  it('ignores a tombstone for an account that was never here', () => {
    const remote: SyncEntry = { syncId: 's', vv: { [other]: 2 }, deletedAt: T0 };
    expect(decide(me, { syncId: 's', account: undefined, base: undefined }, remote, contentKey, T0)).toEqual({
      kind: 'same',
    });
  });

  it('takes an entry without notes (they did not fit) as the same version, not a change', () => {
    const { notes: _, ...withoutNotes } = account({ notes: 'in the desk drawer' });
    const here = account({ notes: 'in the desk drawer' });
    const remote: SyncEntry = { syncId: 's', vv: { [other]: 1 }, account: withoutNotes };
    expect(
      decide(me, { syncId: 's', account: here, base: base({ [other]: 1 }, here) }, remote, contentKey, T0),
    ).toEqual({ kind: 'same' });
  });

  it('does not ask when two concurrent versions differ only by notes one of them could not carry', () => {
    const here = account({ label: 'renamed', notes: 'long notes' });
    const { notes: _, ...theirs } = account({ label: 'renamed' });
    const remote: SyncEntry = { syncId: 's', vv: { [other]: 2 }, account: theirs };
    const d = decide(me, { syncId: 's', account: here, base: base({ [other]: 1 }) }, remote, contentKey, T0);
    expect(d).toEqual({ kind: 'push', entry: { syncId: 's', vv: { [me]: 1, [other]: 2 }, account: here } });
  });

  it('a merge that keeps one side is a version of its own, so two merges cannot share a vector', () => {
    // A wrote V1 {A:1} and then deleted it {A:2}; B, not having seen V1, wrote E2 {B:1}; somewhere
    // the HOTP rule merged V1 and E2 into E {A:1, B:1}. Two computers whose base is A's tombstone
    // now keep an edit over it: C from E2 (a stale read), D from E. A plain join would give both
    // {A:2, B:1} for different contents, and they would call each other "equal" for ever.
    const tombBase: SyncBase = { vv: { [me]: 2 }, hash: '', deleted: true, deletedAt: T0 };
    const e2: SyncEntry = { syncId: 's', vv: { [other]: 1 }, account: account({ type: 'hotp', counter: 4 }) };
    const e: SyncEntry = {
      syncId: 's',
      vv: { [me]: 1, [other]: 1 },
      account: account({ type: 'hotp', counter: 6 }),
    };
    const onC = decide('cccccccc', { syncId: 's', account: undefined, base: tombBase }, e2, contentKey, T0);
    const onD = decide('dddddddd', { syncId: 's', account: undefined, base: tombBase }, e, contentKey, T0);
    if (onC.kind !== 'pull' || onD.kind !== 'pull') throw new Error('expected both to keep the edit');
    expect(onC.alsoPush && onD.alsoPush).toBe(true);
    expect(compare(onC.entry.vv, onD.entry.vv)).toBe('concurrent');
  });

  it('an equal-content merge takes the later updatedAt, so two computers making it write the same', () => {
    const here = account({ label: 'renamed', updatedAt: T0 });
    const remote: SyncEntry = {
      syncId: 's',
      vv: { [other]: 2 },
      account: account({ label: 'renamed', updatedAt: T0 + 9 }),
    };
    const d = decide(me, { syncId: 's', account: here, base: base({ [other]: 1 }) }, remote, contentKey, T0);
    expect(d).toEqual({
      kind: 'pull',
      entry: { syncId: 's', vv: { [me]: 1, [other]: 2 }, account: { ...here, updatedAt: T0 + 9 } },
      alsoPush: true,
    });
  });

  it('an account found here under a tombstone base is re-added here, and wins', () => {
    const tombBase: SyncBase = { vv: { [other]: 2 }, hash: '', deleted: true, deletedAt: T0 };
    const remote: SyncEntry = { syncId: 's', vv: { [other]: 2 }, deletedAt: T0 };
    const d = decide(me, { syncId: 's', account: x, base: tombBase }, remote, contentKey, T0);
    expect(d).toEqual({ kind: 'push', entry: { syncId: 's', vv: { [me]: 1, [other]: 2 }, account: x } });
  });

  it('a first sync of accounts that are already in the sync data asks only where they differ', () => {
    // Sync turned on again with bases gone: nothing here is known to descend from the sync data.
    const remote: SyncEntry = { syncId: 's', vv: { [me]: 3, [other]: 1 }, account: x };
    const same = decide(me, { syncId: 's', account: x, base: undefined }, remote, contentKey, T0);
    expect(same.kind).toBe('push');
    const changed = account({ label: 'renamed' });
    expect(decide(me, { syncId: 's', account: changed, base: undefined }, remote, contentKey, T0).kind).toBe(
      'conflict',
    );
  });
});

describe('contentKey', () => {
  it('ignores updatedAt, property order and fields that do not travel', () => {
    const a = account({ updatedAt: T0 });
    const { label: l, ...rest } = account({ updatedAt: T0 + 5 });
    const reordered = { label: l, ...rest, order: 3, pinned: true } as SyncedAccount;
    expect(contentKey(reordered)).toBe(contentKey(a));
  });

  it('tells absent notes and recovery codes from empty ones', () => {
    const { notes: _n, ...noNotes } = account();
    const { recoveryCodes: _r, ...noCodes } = account();
    const keys = new Set([contentKey(account()), contentKey(noNotes), contentKey(noCodes)]);
    expect(keys.size).toBe(3);
  });

  it('changes with every field that travels', () => {
    const changes: Partial<SyncedAccount>[] = [
      { type: 'hotp' },
      { issuer: 'B' },
      { label: 'Y' },
      { secret: 'AAAA' },
      { algorithm: 'SHA256' },
      { digits: 8 },
      { period: 60 },
      { counter: 1 },
      { sites: ['b.test'] },
      { notes: 'n' },
      { recoveryCodes: [{ code: '1', used: false }] },
    ];
    const keys = new Set([account(), ...changes.map((c) => account(c))].map(contentKey));
    expect(keys.size).toBe(changes.length + 1);
  });
});

// --- Properties ------------------------------------------------------------------------------------------

const DEVICES = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'];

type Cmd =
  | { op: 'add'; c: number; hotp: boolean }
  | { op: 'edit'; c: number; pick: number; label: string }
  | { op: 'use'; c: number; pick: number }
  | { op: 'delete'; c: number; pick: number }
  | { op: 'sync'; c: number }
  | { op: 'replay'; c: number; back: number }
  | { op: 'tick'; c: number; s: number }
  | { op: 'answer'; c: number; pick: number; side: 'local' | 'remote' };

const cmdArb = (n: number, ops: Cmd['op'][]): fc.Arbitrary<Cmd> => {
  const c = fc.nat(n - 1);
  const pick = fc.nat(5);
  const all: Record<Cmd['op'], fc.Arbitrary<Cmd>> = {
    add: fc.record({ op: fc.constant('add'), c, hotp: fc.boolean() }),
    edit: fc.record({ op: fc.constant('edit'), c, pick, label: fc.constantFrom('p', 'q', 'r', 's') }),
    use: fc.record({ op: fc.constant('use'), c, pick }),
    delete: fc.record({ op: fc.constant('delete'), c, pick }),
    sync: fc.record({ op: fc.constant('sync'), c }),
    replay: fc.record({ op: fc.constant('replay'), c, back: fc.nat(6) }),
    tick: fc.record({ op: fc.constant('tick'), c, s: fc.integer({ min: -HOUR, max: 3 * HOUR }) }),
    answer: fc.record({ op: fc.constant('answer'), c, pick, side: fc.constantFrom('local', 'remote') }),
  } as Record<Cmd['op'], fc.Arbitrary<Cmd>>;
  return fc.oneof(...ops.map((op) => all[op]));
};

/** A world of n computers and the sync data, with a log of what the sync data held after each write. */
function world(n: number, skews: number[]) {
  const computers = DEVICES.slice(0, n).map((me, i) => computer('ABC'[i]!, me, skews[i] ?? 0));
  const data: SyncData = new Map();
  const history: SyncData[] = [copy(data)];
  let conflictsSeen = 0;
  let replays = 0;

  /** Runs one command; `may(c, syncId)` says whether computer c is allowed to change that account. */
  function step(
    cmd: Cmd,
    may: (c: number, syncId: string) => boolean,
    onAdd?: (c: number, id: string) => void,
  ) {
    const k = computers[cmd.c]!;
    const mine = () => [...k.accounts.keys()].filter((id) => may(cmd.c, id));
    const pickFrom = (list: string[], pick: number) => (list.length ? list[pick % list.length] : undefined);
    const count = (kinds: Record<string, Kind>) => {
      conflictsSeen += Object.values(kinds).filter((kind) => kind === 'conflict').length;
    };
    switch (cmd.op) {
      case 'add': {
        const id = add(
          k,
          cmd.hotp ? { type: 'hotp', label: `${k.name}${ids}` } : { label: `${k.name}${ids}` },
        );
        onAdd?.(cmd.c, id);
        break;
      }
      case 'edit': {
        const id = pickFrom(mine(), cmd.pick);
        if (id) edit(k, id, { label: `${label(k, id)}.${cmd.label}` });
        break;
      }
      case 'use': {
        const id = pickFrom(
          mine().filter((i) => k.accounts.get(i)?.type === 'hotp'),
          cmd.pick,
        );
        if (id) edit(k, id, { counter: (k.accounts.get(id)?.counter ?? 0) + 1 });
        break;
      }
      case 'delete': {
        const id = pickFrom(mine(), cmd.pick);
        if (id) remove(k, id);
        break;
      }
      case 'sync':
        count(run(k, data));
        history.push(copy(data));
        break;
      case 'replay': {
        const old = history[Math.max(0, history.length - 1 - cmd.back)]!;
        replays++;
        count(run(k, data, copy(old)));
        history.push(copy(data));
        break;
      }
      case 'tick':
        k.clock += cmd.s;
        break;
      case 'answer': {
        const id = pickFrom([...k.conflicts.keys()], cmd.pick);
        if (id) choose(k, data, id, cmd.side);
        history.push(copy(data));
        break;
      }
    }
  }
  return {
    computers,
    data,
    step,
    get conflictsSeen() {
      return conflictsSeen;
    },
    get replays() {
      return replays;
    },
  };
}

const skewsArb = fc.array(fc.integer({ min: -2 * HOUR, max: 2 * HOUR }), { minLength: 3, maxLength: 3 });

describe('properties', () => {
  it('computers changing different accounts converge on every change, never asked, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            skewsArb,
            fc.array(cmdArb(n, ['add', 'edit', 'use', 'delete', 'sync', 'replay', 'tick']), {
              maxLength: 50,
              size: 'max',
            }),
          ),
        ),
        ([n, skews, cmds]) => {
          ids = 0;
          const w = world(n, skews);
          const owner = new Map<string, number>();
          for (const cmd of cmds) {
            w.step(
              cmd,
              (c, id) => owner.get(id) === c,
              (c, id) => owner.set(id, c),
            );
          }
          // Each account is its owner's to change, so what the owners hold now is what all must end with.
          const expected = Object.fromEntries(
            [...owner]
              .flatMap(([id, c]) => {
                const a = w.computers[c]!.accounts.get(id);
                return a ? [[id, a] as const] : [];
              })
              .sort(([x], [y]) => x.localeCompare(y)),
          );
          expect(settle(w.computers, w.data, 4) + w.conflictsSeen).toBe(0);
          for (const k of w.computers) expect(accountsOf(k)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an edit is never lost to deletions that had not seen it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            skewsArb,
            fc.nat(n - 1),
            fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            // Half the runs have no stale reads, where the stronger claim below holds.
            fc.boolean().chain((stale) =>
              fc.array(cmdArb(n, ['edit', 'sync', 'tick', 'answer', ...(stale ? ['replay' as const] : [])]), {
                maxLength: 40,
                size: 'max',
              }),
            ),
          ),
        ),
        ([n, skews, editor, deletes, cmds]) => {
          ids = 0;
          const w = world(n, skews);
          const [first] = w.computers;
          const x = add(first!, { label: 'X' });
          for (const k of w.computers) run(k, w.data);
          // Concurrently: the editor edits X, and some others (at least one) delete it.
          const deleters = w.computers.filter(
            (_, i) => i !== editor && (deletes[i] || i === (editor + 1) % n),
          );
          for (const k of deleters) remove(k, x);
          const editorK = w.computers[editor]!;
          edit(editorK, x, { label: 'X.e' });
          const edits = new Set(['X.e']);
          // Afterwards only the editor changes X (the others have nothing to delete until they read the edit).
          for (const cmd of cmds) {
            w.step(cmd, (c) => c === editor);
            const now = label(editorK, x);
            if (now) edits.add(now);
          }
          const last = label(editorK, x);
          const asked = settle(w.computers, w.data, 5) + w.conflictsSeen;
          for (const k of w.computers) expect(edits).toContain(label(k, x));
          // Without stale reads nobody is ever asked, and the editor's last version is what all hold.
          if (w.replays === 0) {
            expect(asked).toBe(0);
            for (const k of w.computers) expect(label(k, x)).toBe(last);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('anything on any computer, in any order: once every question is answered, all converge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            skewsArb,
            fc.array(cmdArb(n, ['add', 'edit', 'use', 'delete', 'sync', 'replay', 'tick', 'answer']), {
              maxLength: 50,
              size: 'max',
            }),
          ),
        ),
        ([n, skews, cmds]) => {
          ids = 0;
          const w = world(n, skews);
          const [first] = w.computers;
          add(first!, { label: 'X' });
          add(first!, { label: 'H', type: 'hotp' });
          for (const k of w.computers) run(k, w.data);
          for (const cmd of cmds) w.step(cmd, () => true);
          settle(w.computers, w.data, 6);
          expectConverged(w.computers, w.data);
        },
      ),
      { numRuns: 300 },
    );
  });
});
