/**
 * The first password retires the data key the device slot wrapped. Chromium keeps a deleted device
 * slot in its LevelDB log until it compacts (tests/e2e/profile-recovery.spec.ts), so a key that
 * outlives the switch would let a profile copy open accounts added after the password.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  CHEAP_KDF,
  dumpStores,
  errorOf,
  freshName,
  openTestVault,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';
import type { StoredAccount } from '../core/account.ts';
import { exportRawKey, importDataKey } from '../core/crypto/aead.ts';
import { equalBytes, toBytes } from '../core/crypto/bytes.ts';
import type { RecordRow } from './db.ts';
import { decodeRecord, encodeRecord } from './records.ts';
import {
  KEY_CHECK,
  openDeviceSlot,
  parseDeviceSlot,
  parseKeyCheck,
  SLOT_DEVICE,
  verifyKeyCheck,
} from './slots.ts';
import { Vault } from './vault.ts';

/** What a copy of the profile taken now yields: the data key the live device slot wraps. */
async function deviceKeyOnDisk(name: string): Promise<CryptoKey> {
  const db = await openDB(name);
  const slot = parseDeviceSlot(await db.get('meta', SLOT_DEVICE));
  db.close();
  if (!slot) throw new Error('no device slot on disk');
  return openDeviceSlot(slot);
}

async function rows(name: string): Promise<RecordRow[]> {
  return (await dumpStores(name)).records!.map((e) => e.value as RecordRow);
}

async function opens(dek: CryptoKey, row: RecordRow): Promise<boolean> {
  return decodeRecord(dek, row).then(
    () => true,
    () => false,
  );
}

async function keyCheckMatches(name: string, dek: CryptoKey): Promise<boolean> {
  const check = parseKeyCheck((await dumpStores(name)).meta!.find((e) => e.key === KEY_CHECK)?.value);
  if (!check) throw new Error('no key check');
  return verifyKeyCheck(dek, check);
}

describe('a new data key with the first password', () => {
  it('the old device key opens no record afterwards; every account reads back unchanged', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const before = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2, { notes: 'n' })]));
    const edited = unwrap(await vault.update(before[0]!.id, { pinned: true }, before[0]!.revision));
    const existing = [edited, before[1]!];
    const oldDek = await deviceKeyOnDisk(name);
    expect(await Promise.all((await rows(name)).map((row) => opens(oldDek, row)))).toEqual([true, true]);

    unwrap(await vault.setPassword('pw'));
    // Same instance, no reopen: it must now hold the new key, and keep orders going.
    const later = unwrap(await vault.add(sampleAccount(3)));
    expect(later.order).toBe(2);
    expect(unwrap(await vault.list()).accounts).toEqual([...existing, later]);
    vault.close();

    const after = await rows(name);
    expect(after.map((row) => row.id).sort()).toEqual([...existing, later].map((a) => a.id).sort());
    // Neither the rewritten rows of the accounts that existed, nor the one added later.
    expect(await Promise.all(after.map((row) => opens(oldDek, row)))).toEqual([false, false, false]);
    expect(await keyCheckMatches(name, oldDek)).toBe(false);

    const reopened = await openTestVault(name);
    unwrap(await reopened.unlock('pw'));
    const listed = unwrap(await reopened.list());
    expect(listed.damaged).toEqual([]);
    // Ids, orders, revisions, timestamps: the re-encryption is not an edit.
    expect(listed.accounts).toEqual([...existing, later]);
    reopened.close();
  });

  it('the session key after setting the password is the new one, and it opens the vault', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const acct = unwrap(await vault.add(sampleAccount()));
    const oldRaw = unwrap(await vault.exportSessionKey());
    unwrap(await vault.setPassword('pw'));
    const newRaw = unwrap(await vault.exportSessionKey());
    vault.close();
    expect(equalBytes(oldRaw, newRaw)).toBe(false);
    expect(await keyCheckMatches(name, await importDataKey(toBytes(newRaw)))).toBe(true);

    const restarted = await openTestVault(name);
    expect(errorOf(await restarted.unlockWithSessionKey(oldRaw)).code).toBe('bad-session-key');
    unwrap(await restarted.unlockWithSessionKey(newRaw));
    expect(unwrap(await restarted.get(acct.id))).toEqual(acct);
    restarted.close();
  });

  it('changing the password retires the key too, so the old password plus an old copy opens nothing new', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const acct = unwrap(await vault.add(sampleAccount()));
    unwrap(await vault.setPassword('one'));
    const underOne = await importDataKey(toBytes(unwrap(await vault.exportSessionKey())));
    unwrap(await vault.setPassword('two', 'one'));
    const later = unwrap(await vault.add(sampleAccount(2)));
    vault.close();
    expect(await Promise.all((await rows(name)).map((row) => opens(underOne, row)))).toEqual([false, false]);

    const reopened = await openTestVault(name);
    unwrap(await reopened.unlock('two'));
    expect(unwrap(await reopened.list()).accounts).toEqual([acct, later]);
    reopened.close();
  });

  it('removing the password and a KDF upgrade keep the key: neither adds a secret to protect', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.add(sampleAccount()));
    unwrap(await vault.setPassword('pw'));
    const raw = unwrap(await vault.exportSessionKey());
    const recordsBefore = await rows(name);
    vault.close();

    const stronger = await Vault.open(name, { kdf: { ...CHEAP_KDF, memoryKiB: 128 } });
    unwrap(await stronger.unlock('pw'));
    unwrap(await stronger.removePassword('pw'));
    stronger.close();
    expect(await rows(name)).toEqual(recordsBefore);
    expect(await exportRawKey(await deviceKeyOnDisk(name))).toEqual(raw);
  });

  it('a record that does not open refuses the switch and changes nothing', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const [acct] = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)]));
    const db = await openDB(name);
    const row = (await db.get('records', acct!.id)) as RecordRow;
    row.ct[0]! ^= 1;
    await db.put('records', row);
    db.close();
    const before = await dumpStores(name);

    // Re-encrypting would seal the record away for good under a key it was never made with.
    expect(errorOf(await vault.setPassword('pw'))).toMatchObject({ code: 'tampered', id: acct!.id });
    expect(await dumpStores(name)).toEqual(before);
    expect(unwrap(await vault.hasPassword())).toBe(false);
    vault.close();
  });

  it('a record written by another context meanwhile refuses the switch, so it is not left under the old key', async () => {
    const name = freshName();
    const setup = await openTestVault(name);
    unwrap(await setup.add(sampleAccount(1)));
    setup.close();
    const oldDek = await deviceKeyOnDisk(name);
    const stored: StoredAccount = {
      ...sampleAccount(2),
      id: crypto.randomUUID(),
      sites: [],
      order: 1,
      pinned: false,
      createdAt: 1,
      updatedAt: 1,
      notes: '',
      recoveryCodes: [],
      revision: 1,
    };
    const intruder = await encodeRecord(oldDek, stored);
    const other = await openDB(name);
    let landed: Promise<unknown> | undefined;
    const vault = await openTestVault(name, {
      // After the records were re-encrypted, before the write transaction: the other write lands first.
      onRewrapStep: (step) => {
        if (step === 'rekeyed') landed ??= other.put('records', intruder);
      },
    });
    expect(errorOf(await vault.setPassword('pw')).code).toBe('stale-revision');
    await landed;
    other.close();
    expect(unwrap(await vault.hasPassword())).toBe(false);
    expect(unwrap(await vault.list())).toMatchObject({ damaged: [] });
    expect(unwrap(await vault.list()).accounts).toHaveLength(2);
    // Trying again works, and covers the record that arrived.
    unwrap(await vault.setPassword('pw'));
    vault.close();
    const reopened = await openTestVault(name);
    unwrap(await reopened.unlock('pw'));
    expect(unwrap(await reopened.list())).toMatchObject({ damaged: [] });
    expect(unwrap(await reopened.list()).accounts).toHaveLength(2);
    reopened.close();
  });

  it('a list read while the records are being rewritten never reports them as damaged', async () => {
    const name = freshName();
    let during: ReturnType<Vault['list']> | undefined;
    const vault: Vault = await openTestVault(name, {
      onRewrapStep: (step) => {
        // Inside the write transaction: this read is queued behind it and sees the new rows.
        if (step === 'tx-records-rewritten') during = vault.list();
      },
    });
    const added = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)]));
    unwrap(await vault.setPassword('pw'));
    expect(during).toBeDefined();
    expect(unwrap(await during!)).toEqual({ accounts: added, damaged: [] });
    vault.close();
  });
});
