/**
 * The worker's sync service against another computer played by the test: it writes the synced data
 * as that computer would (its own device id, its own key from the passphrase), and reads back what
 * this worker wrote.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import { CHEAP_KDF } from '../../tests/support/vault-testing';
import type { StoredAccount } from '../core/account';
import { HEADER_KEY, newSyncKey, type SyncHeader } from '../core/sync/key';
import { BUCKET_COUNT, bucketKey, openBucket, packBuckets } from '../core/sync/pack';
import type { SyncEntry, SyncedAccount } from '../core/sync/types';
import { compare } from '../core/sync/version-vector';
import { registerBackground } from './register';

const PASSPHRASE = 'staff room laptop and home';
const OTHER = 'c0ffee00';

// biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, each checked by its assertions.
type Answer = { ok: boolean; value?: any; error?: { code: string } };
type Router = ReturnType<typeof registerBackground>;
const ask = (router: Router, name: string, request: object = {}) =>
  router.dispatch(wire(name as never, request as never), popup) as Promise<Answer>;

function account(n: number, extra: Partial<SyncedAccount> = {}): SyncedAccount {
  return {
    type: 'totp',
    issuer: `School ${n}`,
    label: `teacher${n}@school.example`,
    secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJ'[n]}`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [],
    notes: '',
    recoveryCodes: [],
    updatedAt: 1_800_000_000,
    ...extra,
  };
}

/** The other computer: writes its entries under its key, reads back the whole synced data. */
async function otherComputer() {
  const made = await newSyncKey(PASSPHRASE, CHEAP_KDF);
  const { browser } = await import('wxt/browser');
  return {
    header: made.header as SyncHeader,
    async write(entries: SyncEntry[]) {
      const packed = await packBuckets(made.key, made.header.keyId, entries, 100_000);
      await browser.storage.sync.set({ [HEADER_KEY]: made.header, ...packed.items });
    },
    async read(): Promise<Map<string, SyncEntry>> {
      const items = (await browser.storage.sync.get(null)) as Record<string, unknown>;
      const out = new Map<string, SyncEntry>();
      for (let i = 0; i < BUCKET_COUNT; i++) {
        const value = items[bucketKey(i)];
        if (typeof value !== 'string') continue;
        const opened = await openBucket(made.key, made.header.keyId, value);
        if (opened.ok) for (const entry of opened.entries) out.set(entry.syncId, entry);
      }
      return out;
    },
  };
}

const list = async (router: Router): Promise<StoredAccount[]> =>
  (await ask(router, 'vault.list')).value.accounts;

describe('sync in the worker', () => {
  it('joins another computer: the passphrase, its accounts, an edit back, a conflict, damage', async () => {
    const fake = fakeBrowserForWorker();
    const router = registerBackground(ID, ORIGIN);
    expect((await ask(router, 'sync.status')).value).toEqual({ state: 'off' });

    const other = await otherComputer();
    await other.write([
      { syncId: 'aaaaaaaaaaa1', vv: { [OTHER]: 1 }, account: account(1) },
      { syncId: 'aaaaaaaaaaa2', vv: { [OTHER]: 1 }, account: account(2) },
    ]);
    expect((await ask(router, 'sync.status')).value).toEqual({ state: 'found' });

    // A wrong passphrase changes nothing here and nothing in the synced data.
    const before = await fake.storage.sync.get(null);
    const wrong = await ask(router, 'sync.enable', { passphrase: 'not the passphrase' });
    expect(wrong.error?.code).toBe('sync-wrong-passphrase');
    expect(await list(router)).toEqual([]);
    expect(await fake.storage.sync.get(null)).toEqual(before);

    // Set up here as well before sync: the same secret is the same account, not a second one.
    const { updatedAt: _at, ...sameAccount } = account(1);
    expect((await ask(router, 'vault.add', { account: sameAccount })).ok).toBe(true);

    const joined = await ask(router, 'sync.enable', { passphrase: PASSPHRASE });
    expect(joined.value).toMatchObject({ state: 'on', synced: 2, notSynced: [], damagedParts: 0 });
    expect((await list(router)).map((a) => a.issuer).sort()).toEqual(['School 1', 'School 2']);

    // An edit here travels, as a version that supersedes the other computer's.
    const first = (await list(router)).find((a) => a.issuer === 'School 1')!;
    await ask(router, 'vault.update', {
      id: first.id,
      revision: first.revision,
      patch: { label: 'renamed here' },
    });
    await ask(router, 'sync.now');
    const afterEdit = await other.read();
    expect(afterEdit.get('aaaaaaaaaaa1')?.account?.label).toBe('renamed here');
    const mine = Object.keys(afterEdit.get('aaaaaaaaaaa1')!.vv).find((device) => device !== OTHER)!;
    expect(compare({ [OTHER]: 1 }, afterEdit.get('aaaaaaaaaaa1')!.vv)).toBe('before');

    // Both computers change account 2 before either hears of the other: asked, not guessed.
    const second = (await list(router)).find((a) => a.issuer === 'School 2')!;
    await ask(router, 'vault.update', { id: second.id, revision: second.revision, patch: { label: 'mine' } });
    await other.write([
      afterEdit.get('aaaaaaaaaaa1')!,
      { syncId: 'aaaaaaaaaaa2', vv: { [OTHER]: 2 }, account: account(2, { label: 'theirs' }) },
    ]);
    const conflicted = await ask(router, 'sync.now');
    expect(conflicted.value.conflicts).toEqual([
      expect.objectContaining({
        syncId: 'aaaaaaaaaaa2',
        here: expect.objectContaining({ label: 'mine' }),
        there: expect.objectContaining({ label: 'theirs' }),
      }),
    ]);
    expect((await list(router)).find((a) => a.issuer === 'School 2')?.label).toBe('mine');
    const resolved = await ask(router, 'sync.resolve', { syncId: 'aaaaaaaaaaa2', keep: 'there' });
    expect(resolved.value.conflicts).toEqual([]);
    expect((await list(router)).find((a) => a.issuer === 'School 2')?.label).toBe('theirs');
    const settled = (await other.read()).get('aaaaaaaaaaa2')!;
    expect(settled.account?.label).toBe('theirs');
    expect(settled.vv[OTHER]).toBe(2);
    expect(settled.vv[mine]).toBeGreaterThanOrEqual(2);

    // A damaged item: counted, skipped, and every account here stays.
    const items = (await fake.storage.sync.get(null)) as Record<string, string>;
    const broken = Object.keys(items).find((key) => key.startsWith('tw.b') && items[key]!.length > 60)!;
    await fake.storage.sync.set({ [broken]: `${items[broken]!.slice(0, 40)}!!${items[broken]!.slice(42)}` });
    const damaged = await ask(router, 'sync.now');
    expect(damaged.value.damagedParts).toBe(1);
    expect((await list(router)).length).toBe(2);
    // The run wrote what it knows into the broken item; Settings still tells of the damage for a day.
    expect((await ask(router, 'sync.now')).value.damagedParts).toBe(1);
    expect((await other.read()).size).toBe(2);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 25 * 60 * 60 * 1000 });
    try {
      expect((await ask(router, 'sync.now')).value.damagedParts).toBe(0);
    } finally {
      vi.useRealTimers();
    }

    // Off: the accounts stay, and the synced data stays for the other computers.
    const off = await ask(router, 'sync.disable');
    expect(off.value).toEqual({ state: 'off' });
    expect((await list(router)).length).toBe(2);
  });

  it('a forgotten passphrase: starting over replaces the synced data with the accounts here', async () => {
    const fake = fakeBrowserForWorker();
    const router = registerBackground(ID, ORIGIN);
    // The worker's vault outlives a test: this one starts from an empty one.
    for (const left of await list(router)) await ask(router, 'vault.remove', { id: left.id });
    const other = await otherComputer();
    await other.write([{ syncId: 'aaaaaaaaaaa1', vv: { [OTHER]: 1 }, account: account(1) }]);
    const { updatedAt: _at, ...here } = account(3);
    expect((await ask(router, 'vault.add', { account: here })).ok).toBe(true);
    expect((await ask(router, 'sync.status')).value).toEqual({ state: 'found' });

    const started = await ask(router, 'sync.enable', {
      passphrase: 'a new passphrase for all',
      startOver: true,
    });
    expect(started.value).toMatchObject({ state: 'on', synced: 1, damagedParts: 0 });
    expect((await list(router)).map((a) => a.issuer)).toEqual(['School 3']);
    const items = (await fake.storage.sync.get(null)) as Record<string, unknown>;
    expect((items[HEADER_KEY] as SyncHeader).keyId).not.toBe(other.header.keyId);
    // Under the old passphrase nothing opens any more: the other computer is asked for the new one.
    expect((await other.read()).size).toBe(0);
  });

  it('an organisation that turns sync off (disableSync) gets it refused and shown as set by it', async () => {
    const fake = fakeBrowserForWorker();
    const router = registerBackground(ID, ORIGIN);
    await fake.storage.managed.set({ disableSync: true });
    expect((await ask(router, 'sync.status')).value).toEqual({ state: 'forbidden' });
    const refused = await ask(router, 'sync.enable', { passphrase: PASSPHRASE });
    expect(refused.error).toMatchObject({ code: 'policy-forbidden' });
    expect(await fake.storage.sync.get(null)).toEqual({});
  });
});
