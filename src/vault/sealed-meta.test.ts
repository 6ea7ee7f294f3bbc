import { describe, expect, it } from 'vitest';
import {
  containsBytes,
  dumpStores,
  errorOf,
  openTestVault,
  rawBytesOf,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';
import { utf8 } from '../core/crypto/bytes.ts';
import { sealedMetaKey } from './sealed-meta.ts';

const STATE = { key: 'c2VjcmV0LXN5bmMta2V5', bases: { a1b2c3d4e5f6: { vv: { deadbeef: 3 } } } };

describe('sealed meta values', () => {
  it('round-trip under the data key, never in the clear on disk, and are deleted by undefined', async () => {
    const vault = await openTestVault();
    expect(unwrap(await vault.readSealed('sync-state'))).toBeUndefined();
    unwrap(await vault.writeSealed('sync-state', STATE));
    expect(unwrap(await vault.readSealed('sync-state'))).toEqual(STATE);
    const stores = await dumpStores(vault.name);
    const onDisk = rawBytesOf(stores);
    expect(containsBytes(onDisk, utf8('c2VjcmV0LXN5bmMta2V5'))).toBe(false);
    expect(stores.meta?.some(({ key }) => key === sealedMetaKey('sync-state'))).toBe(true);
    unwrap(await vault.writeSealed('sync-state', undefined));
    expect(unwrap(await vault.readSealed('sync-state'))).toBeUndefined();
  });

  it('need the vault unlocked', async () => {
    const vault = await openTestVault();
    unwrap(await vault.setPassword('correct horse battery staple'));
    vault.lock();
    expect(errorOf(await vault.readSealed('sync-state')).code).toBe('locked');
    expect(errorOf(await vault.writeSealed('sync-state', STATE)).code).toBe('locked');
  });

  it('survive the new data key of a password set and of a password change', async () => {
    const vault = await openTestVault();
    unwrap(await vault.add(sampleAccount(1)));
    unwrap(await vault.writeSealed('sync-state', STATE));
    unwrap(await vault.setPassword('correct horse battery staple'));
    expect(unwrap(await vault.readSealed('sync-state'))).toEqual(STATE);
    unwrap(await vault.setPassword('a new sentence of words', 'correct horse battery staple'));
    vault.lock();
    unwrap(await vault.unlock('a new sentence of words'));
    expect(unwrap(await vault.readSealed('sync-state'))).toEqual(STATE);
  });

  it('a row that does not open is reported as tampered, not read as absent', async () => {
    const vault = await openTestVault();
    unwrap(await vault.writeSealed('sync-state', STATE));
    const { openDB } = await import('idb');
    const db = await openDB(vault.name);
    const row = await db.get('meta', sealedMetaKey('sync-state'));
    row.ct[0] ^= 1;
    await db.put('meta', row, sealedMetaKey('sync-state'));
    db.close();
    expect(errorOf(await vault.readSealed('sync-state')).code).toBe('tampered');
  });
});

describe('applyChanges', () => {
  it('adds, patches and removes in one transaction, or changes nothing', async () => {
    const vault = await openTestVault();
    const [keep, drop] = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)]));
    const done = unwrap(
      await vault.applyChanges(
        [sampleAccount(3)],
        [{ id: keep!.id, revision: keep!.revision, patch: { label: 'renamed' } }],
        [{ id: drop!.id, revision: drop!.revision }],
      ),
    );
    expect(done.added).toHaveLength(1);
    const labels = unwrap(await vault.list()).accounts.map((a) => a.label);
    expect(labels.sort()).toEqual(['renamed', 'user3@example.org']);

    const before = unwrap(await vault.list()).accounts;
    const stale = await vault.applyChanges(
      [sampleAccount(4)],
      [],
      [{ id: done.added[0]!.id, revision: 999 }],
    );
    expect(errorOf(stale).code).toBe('stale-revision');
    expect(unwrap(await vault.list()).accounts).toEqual(before);
  });
});
