import { describe, expect, it } from 'vitest';
import {
  dumpStores,
  errorOf,
  freshName,
  openTestVault,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';
import { SLOT_AUTHENTICATOR_PREFIX } from './authenticator-slots.ts';
import { SLOT_DEVICE, SLOT_PASSWORD } from './device-slot.ts';
import type { Vault } from './vault.ts';

// What a fixed authenticator answers for this vault's salt: the slot's maths needs nothing more.
const PRF_LAPTOP = new Uint8Array(32).fill(0x11);
const PRF_SPARE_KEY = new Uint8Array(32).fill(0x22);
const LAPTOP = { credentialId: Uint8Array.of(1, 2, 3, 4), name: 'Windows Hello', transports: ['internal'] };
const SPARE_KEY = { credentialId: Uint8Array.of(9, 9), name: 'Security key', transports: ['usb', 'nfc'] };

async function metaKeys(name: string): Promise<string[]> {
  return (await dumpStores(name)).meta!.map((row) => String(row.key)).sort();
}

async function vaultWithPassword(): Promise<{ name: string; vault: Vault }> {
  const name = freshName();
  const vault = await openTestVault(name);
  unwrap(await vault.add(sampleAccount(1)));
  unwrap(await vault.setPassword('correct horse'));
  return { name, vault };
}

describe('authenticator key slots', () => {
  it('unlock with the PRF answer they were made with, and show the same accounts', async () => {
    const { name, vault } = await vaultWithPassword();
    const before = unwrap(await vault.list()).accounts.map((account) => account.secret);
    const added = unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
    expect(added).toMatchObject({ name: 'Windows Hello', transports: ['internal'] });
    vault.close();

    const reopened = await openTestVault(name);
    expect(reopened.state()).toBe('locked');
    unwrap(await reopened.unlockWithAuthenticator(LAPTOP.credentialId, PRF_LAPTOP));
    expect(unwrap(await reopened.list()).accounts.map((account) => account.secret)).toEqual(before);
    reopened.close();
  });

  it('refuse another PRF answer with a typed error, and stay locked', async () => {
    const { name, vault } = await vaultWithPassword();
    unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
    vault.lock();
    expect(errorOf(await vault.unlockWithAuthenticator(LAPTOP.credentialId, PRF_SPARE_KEY)).code).toBe(
      'wrong-authenticator',
    );
    expect(vault.state()).toBe('locked');
    expect(errorOf(await vault.unlockWithAuthenticator(SPARE_KEY.credentialId, PRF_LAPTOP)).code).toBe(
      'not-found',
    );
    vault.close();
    expect(await metaKeys(name)).toContain(`${SLOT_AUTHENTICATOR_PREFIX}01020304`);
  });

  it('refuse a slot moved under another credential’s entry (its id is in the sealed data)', async () => {
    const { name, vault } = await vaultWithPassword();
    unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
    vault.close();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      const store = tx.objectStore('meta');
      const read = store.get(`${SLOT_AUTHENTICATOR_PREFIX}01020304`);
      read.onsuccess = () => {
        store.put(
          { ...read.result, credentialId: SPARE_KEY.credentialId },
          `${SLOT_AUTHENTICATOR_PREFIX}0909`,
        );
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const reopened = await openTestVault(name);
    expect(errorOf(await reopened.unlockWithAuthenticator(SPARE_KEY.credentialId, PRF_LAPTOP)).code).toBe(
      'wrong-authenticator',
    );
    reopened.close();
  });

  it('need a password beside them, so a vault without one gets none', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    expect(errorOf(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP)).code).toBe('no-password');
    vault.close();
    expect((await metaKeys(name)).filter((key) => key.startsWith(SLOT_AUTHENTICATOR_PREFIX))).toEqual([]);
  });

  it('leave no device slot: a copy of the profile opens nothing without the password or the authenticator', async () => {
    const { name, vault } = await vaultWithPassword();
    unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
    vault.close();
    const keys = await metaKeys(name);
    expect(keys).toContain(SLOT_PASSWORD);
    expect(keys).not.toContain(SLOT_DEVICE);
  });

  it('may be several, each listed with its name and date, each removable on its own', async () => {
    const { vault } = await vaultWithPassword();
    unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
    unwrap(await vault.addAuthenticator(SPARE_KEY, PRF_SPARE_KEY));
    const listed = unwrap(await vault.authenticatorOptions());
    expect(listed.authenticators.map((entry) => entry.name)).toEqual(['Windows Hello', 'Security key']);
    expect(listed.authenticators.every((entry) => entry.createdAt > 0)).toBe(true);
    expect(listed.prfSalt).toHaveLength(32);

    unwrap(await vault.removeAuthenticator(LAPTOP.credentialId));
    vault.lock();
    expect(errorOf(await vault.unlockWithAuthenticator(LAPTOP.credentialId, PRF_LAPTOP)).code).toBe(
      'not-found',
    );
    unwrap(await vault.unlockWithAuthenticator(SPARE_KEY.credentialId, PRF_SPARE_KEY));
    expect(vault.state()).toBe('unlocked');
    vault.close();
  });

  it('go when the password is removed or changed (a new data key), in the same step; the password still opens', async () => {
    for (const change of ['remove', 'change'] as const) {
      const { name, vault } = await vaultWithPassword();
      unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
      if (change === 'remove') unwrap(await vault.removePassword('correct horse'));
      else unwrap(await vault.setPassword('battery staple', 'correct horse'));
      expect(unwrap(await vault.authenticatorOptions()).authenticators, change).toEqual([]);
      vault.close();
      expect(
        (await metaKeys(name)).filter((key) => key.startsWith(SLOT_AUTHENTICATOR_PREFIX)),
        change,
      ).toEqual([]);
      const reopened = await openTestVault(name);
      expect(errorOf(await reopened.unlockWithAuthenticator(LAPTOP.credentialId, PRF_LAPTOP)).code).toBe(
        'not-found',
      );
      if (change === 'change') unwrap(await reopened.unlock('battery staple'));
      expect(reopened.state()).toBe('unlocked');
      reopened.close();
    }
  });

  it('need the vault unlocked to be added or removed', async () => {
    const { vault } = await vaultWithPassword();
    unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
    vault.lock();
    expect(errorOf(await vault.addAuthenticator(SPARE_KEY, PRF_SPARE_KEY)).code).toBe('locked');
    expect(errorOf(await vault.removeAuthenticator(LAPTOP.credentialId)).code).toBe('locked');
    expect(errorOf(await vault.prfSaltForRegistration()).code).toBe('locked');
    vault.close();
  });

  it('refuse a PRF answer of the wrong size and an empty credential id', async () => {
    const { vault } = await vaultWithPassword();
    expect(errorOf(await vault.addAuthenticator(LAPTOP, new Uint8Array(16))).code).toBe('invalid-input');
    expect(
      errorOf(await vault.addAuthenticator({ ...LAPTOP, credentialId: new Uint8Array() }, PRF_LAPTOP)).code,
    ).toBe('invalid-input');
    vault.close();
  });

  it('keep one PRF salt per vault, the same before and after adding', async () => {
    const { vault } = await vaultWithPassword();
    const salt = unwrap(await vault.prfSaltForRegistration());
    unwrap(await vault.addAuthenticator(LAPTOP, PRF_LAPTOP));
    expect(unwrap(await vault.authenticatorOptions()).prfSalt).toEqual(salt);
    const other = await vaultWithPassword();
    expect(unwrap(await other.vault.prfSaltForRegistration())).not.toEqual(salt);
    vault.close();
    other.vault.close();
  });
});
