import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  dumpStores,
  errorOf,
  freshName,
  openTestVault,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing';
import type { NewAccount } from '../core/account';
import type { Result } from '../core/errors';
import { AccountStore, type StoreChange } from './account-store';
import type { RecordRow } from './db';

async function seeded(name = freshName()) {
  const vault = await openTestVault(name);
  const [a, b] = unwrap(
    await vault.addMany([
      sampleAccount(1, {
        sites: ['school.nl'],
        notes: 'drawer',
        recoveryCodes: [{ code: 'r1', used: true }],
      }),
      sampleAccount(2, { type: 'hotp', counter: 5 }),
    ]),
  );
  return { name, vault, a: a!, b: b! };
}

describe('Vault.importMany', () => {
  it('adds and patches in one go, new accounts after the stored ones', async () => {
    const { vault, a, b } = await seeded();
    const done = unwrap(
      await vault.importMany(
        [sampleAccount(3), sampleAccount(4)],
        [{ id: a.id, revision: a.revision, patch: { sites: ['school.nl', 'acme.test'] } }],
      ),
    );
    expect(done.added.map((x) => x.order)).toEqual([2, 3]);
    expect(done.updated).toEqual([expect.objectContaining({ id: a.id, revision: 2 })]);
    const listed = unwrap(await vault.list()).accounts;
    expect(listed.map((x) => x.id)).toEqual([a.id, b.id, ...done.added.map((x) => x.id)]);
    expect(listed[0]!.sites).toEqual(['school.nl', 'acme.test']);
    vault.close();
  });

  it('changes nothing when an account half-way is invalid', async () => {
    const { name, vault, a } = await seeded();
    const before = await dumpStores(name);
    const refused = await vault.importMany(
      [sampleAccount(3), { ...sampleAccount(4), secret: 'not base32!' }, sampleAccount(5)],
      [{ id: a.id, revision: a.revision, patch: { notes: 'changed' } }],
    );
    expect(errorOf(refused).code).toBe('invalid-input');
    expect(await dumpStores(name)).toEqual(before);
    vault.close();
  });

  it('changes nothing when a record to merge into is damaged, stale or patched twice', async () => {
    const { name, vault, a, b } = await seeded();
    // Damage b on disk: its ciphertext no longer authenticates.
    const db = await openDB(name);
    const row = (await db.get('records', b.id)) as RecordRow;
    row.ct[3]! ^= 0x40;
    await db.put('records', row);
    db.close();
    const before = await dumpStores(name);
    const adds = [sampleAccount(3)];
    const patchA = { id: a.id, revision: a.revision, patch: { notes: 'new' } };
    expect(
      errorOf(await vault.importMany(adds, [patchA, { id: b.id, revision: 1, patch: { counter: 9 } }])),
    ).toMatchObject({ code: 'tampered', id: b.id });
    expect(errorOf(await vault.importMany(adds, [{ ...patchA, revision: 7 }]))).toMatchObject({
      code: 'stale-revision',
      id: a.id,
    });
    expect(errorOf(await vault.importMany(adds, [patchA, patchA])).code).toBe('invalid-input');
    expect(errorOf(await vault.importMany(adds, [{ ...patchA, patch: { id: 'x' } as never }])).code).toBe(
      'invalid-input',
    );
    expect(await dumpStores(name)).toEqual(before);
    vault.close();
  });

  it('changes nothing when another context wrote a record in between (checked inside the transaction)', async () => {
    const name = freshName();
    const { vault, a } = await seeded(name);
    const other = await openTestVault(name);
    // The other context edits `a` after this vault read it: the commit's revision check must catch it.
    const original = (vault as unknown as { read: (dek: CryptoKey, id: string) => Promise<unknown> }).read;
    let raced = false;
    (vault as unknown as { read: unknown }).read = async function (
      this: unknown,
      dek: CryptoKey,
      id: string,
    ) {
      const value = await original.call(this, dek, id);
      if (!raced) {
        raced = true;
        unwrap(await other.update(a.id, { label: 'edited elsewhere' }, a.revision));
      }
      return value;
    };
    const before = await dumpStores(name);
    const refused = await vault.importMany(
      [sampleAccount(3)],
      [{ id: a.id, revision: a.revision, patch: { notes: 'merged' } }],
    );
    expect(errorOf(refused)).toMatchObject({ code: 'stale-revision', id: a.id });
    const after = await dumpStores(name);
    // Only the other context's edit landed; the import added nothing.
    expect(after.records).toHaveLength(before.records!.length);
    expect(unwrap(await other.get(a.id))).toMatchObject({ label: 'edited elsewhere', notes: 'drawer' });
    vault.close();
    other.close();
  });

  it('is refused while locked', async () => {
    const { vault } = await seeded();
    unwrap(await vault.setPassword('correct horse battery'));
    vault.lock();
    expect(errorOf(await vault.importMany([sampleAccount(9)], [])).code).toBe('locked');
    vault.close();
  });
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('AccountStore.importMany', () => {
  async function storeWithTwo() {
    const seededVault = await seeded();
    const store = new AccountStore(async () => seededVault.vault);
    return { ...seededVault, store };
  }

  it('adds the new, merges the changed, skips the same and repeats, and keeps its cache true', async () => {
    const { vault, store, a, b } = await storeWithTwo();
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const fresh = sampleAccount(3);
    const incoming: NewAccount[] = [
      { ...a, sites: ['acme.test'], notes: 'other note', recoveryCodes: [{ code: 'r2', used: false }] },
      { ...b, counter: 3 },
      fresh,
      { ...fresh, issuer: 'Repeated in the file' },
    ];
    const done = value(await store.importMany(incoming));
    expect(done.plan.steps.map((step) => step.status)).toEqual(['changed', 'same', 'new', 'same']);
    expect(done.added).toHaveLength(1);
    expect(done.updated).toHaveLength(1);
    const merged = unwrap(await vault.get(a.id));
    expect(merged.sites).toEqual(['school.nl', 'acme.test']);
    expect(merged.notes).toBe('drawer');
    expect(merged.recoveryCodes).toEqual([
      { code: 'r1', used: true },
      { code: 'r2', used: false },
    ]);
    expect(unwrap(await vault.get(b.id)).counter).toBe(5);
    const byId = (list: { id: string }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(value(await store.list()).accounts)).toEqual(byId(unwrap(await vault.list()).accounts));
    expect(changes.map((change) => change.kind)).toEqual(['imported']);

    // The same file again: everything is already here, and nothing is written.
    const revisions = unwrap(await vault.list()).accounts.map((x) => x.revision);
    const again = value(await store.importMany(incoming));
    expect(again.plan.steps.every((step) => step.status === 'same')).toBe(true);
    expect(unwrap(await vault.list()).accounts.map((x) => x.revision)).toEqual(revisions);
    vault.close();
  });

  it('is all or nothing: one bad account leaves the vault and the cache as they were', async () => {
    const { name, vault, store, a } = await storeWithTwo();
    const cached = value(await store.list()).accounts;
    const before = await dumpStores(name);
    const refused = await store.importMany([
      { ...a, sites: ['acme.test'] },
      sampleAccount(3),
      { ...sampleAccount(4), digits: 0 },
    ]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dumpStores(name)).toEqual(before);
    expect(value(await store.list()).accounts).toEqual(cached);
    vault.close();
  });
});

describe('a failed import leaves the vault byte for byte as it was', () => {
  it('when IndexedDB refuses a write half-way through the transaction, after others were issued', async () => {
    const { name, vault, a } = await seeded();
    const store = new AccountStore(async () => vault);
    const cached = value(await store.list()).accounts;
    const before = await dumpStores(name);
    const proto = IDBObjectStore.prototype;
    const put = proto.put;
    let puts = 0;
    // As a full disk does: every write of the commit is issued, then the transaction aborts.
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      // The commit also bumps the records' generation in meta; only record writes are counted.
      if (this.name === 'records' && ++puts === 4) this.transaction.abort();
      return request;
    };
    let refused: Result<unknown>;
    try {
      refused = await store.importMany([
        { ...a, sites: ['acme.test'] },
        sampleAccount(3),
        sampleAccount(4),
        sampleAccount(5),
      ]);
    } finally {
      proto.put = put;
    }
    expect(puts, 'one merge and three adds were written before the abort').toBe(4);
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage-failed' } });
    expect(await dumpStores(name)).toEqual(before);
    expect(value(await store.list()).accounts).toEqual(cached);

    // Nothing is left half-done either: the next import goes through as if the first never ran.
    const next = value(await store.importMany([sampleAccount(6)]));
    expect(next.added).toHaveLength(1);
    expect(unwrap(await vault.list()).accounts).toHaveLength(3);
    vault.close();
  });
});
