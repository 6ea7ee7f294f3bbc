/**
 * Everything about obtaining and re-wrapping the data key: first-run setup, device and password
 * unlock with throttling, session-key restore, and the one-transaction slot switch (with a new data
 * key and every record re-encrypted when a new password is set).
 */
import {
  AuthError,
  generateDataKey,
  generateWrappingKey,
  importDataKey,
  KEY_BYTES,
} from '../core/crypto/aead.ts';
import { equalBytes, isBytes, toBytes } from '../core/crypto/bytes.ts';
import { type Argon2idParams, deriveKek, meetsKdf, newKdfSpec } from '../core/crypto/kdf.ts';
import { authenticatorSlotKeys } from './authenticator-slots.ts';
import type { RecordRow, VaultDb } from './db.ts';
import { VaultError } from './errors.ts';
import { STORE_KV, STORE_META, STORE_RECORDS, THROTTLE_KEY } from './migrations.ts';
import { reencryptRecord } from './records.ts';
import { resealMeta, SEALED_META, sealedMetaKey } from './sealed-meta.ts';
import {
  createDeviceSlot,
  createKeyCheck,
  createPasswordSlot,
  type DeviceSlot,
  KEY_CHECK,
  type KeyCheck,
  kekFromBytes,
  openDeviceSlot,
  openPasswordSlot,
  type PasswordSlot,
  parseDeviceSlot,
  parseKeyCheck,
  parsePasswordSlot,
  SLOT_DEVICE,
  SLOT_PASSWORD,
  verifyKeyCheck,
} from './slots.ts';
import { GENERATION_KEY, readGeneration, SNAPSHOT_KEY } from './snapshot.ts';
import { delayAfter, parseThrottle, recordAttempt, remainingWait } from './throttle.ts';
import { issueAll, runTx } from './tx.ts';

/**
 * Points where a password set/change/remove can be interrupted. The first ones are before the
 * transaction, the `tx-` ones inside it (an exception there aborts it), `committed` after it.
 * `rekeyed` and `tx-records-rewritten` happen only when a new password brings a new data key.
 */
export type RewrapStep =
  | 'verified'
  | 'derived'
  | 'rekeyed'
  | 'wrapped'
  | 'tx-records-rewritten'
  | 'tx-new-slot-written'
  | 'tx-old-slot-removed'
  | 'committed';

export interface KeyringConfig {
  db: () => Promise<VaultDb>;
  now: () => number;
  kdf: Argon2idParams;
  /** Must be synchronous: awaiting anything but IndexedDB inside a transaction commits it early. */
  onStep?: (step: RewrapStep) => void;
}

interface MetaSnapshot {
  password: PasswordSlot | undefined;
  device: DeviceSlot | undefined;
}

/** Every record re-encrypted under a new data key, and the stored state it was made from. */
interface Rekey {
  rows: RecordRow[];
  check: KeyCheck;
  /** Each sealed meta value under the new key (undefined: there is none), and its row as read. */
  sealed: { key: string; row: unknown; seen: unknown }[];
  from: { check: KeyCheck; rows: Map<string, RecordRow> };
}

/** A sealed row is rewritten with a fresh IV every time: the IV tells whether it moved. */
function sameSealedRow(seen: unknown, now: unknown): boolean {
  const iv = (row: unknown) => (row as { iv?: unknown } | undefined)?.iv;
  const [a, b] = [iv(seen), iv(now)];
  return a === undefined || b === undefined ? a === b : isBytes(a) && isBytes(b) && equalBytes(a, b);
}

function sameRows(seen: Map<string, RecordRow>, now: unknown[]): boolean {
  // Revision and IV: an edit bumps the one, a re-encryption elsewhere changes the other.
  return (
    now.length === seen.size &&
    now.every((row) => {
      const r = row as Partial<RecordRow> | undefined;
      const was = typeof r?.id === 'string' ? seen.get(r.id) : undefined;
      return was !== undefined && Object.is(r?.rev, was.rev) && isBytes(r?.iv) && equalBytes(r.iv, was.iv);
    })
  );
}

export class Keyring {
  constructor(private readonly config: KeyringConfig) {}

  private step(step: RewrapStep): void {
    this.config.onStep?.(step);
  }

  /**
   * Creates the DEK, device slot and key check on first use. Returns the new DEK, or undefined when
   * the vault already exists. The emptiness check runs inside the write transaction so two contexts
   * starting at once cannot both create a key (the loser's key is simply dropped).
   */
  async initializeIfEmpty(): Promise<CryptoKey | undefined> {
    const db = await this.config.db();
    if ((await db.get(STORE_META, KEY_CHECK)) !== undefined) return undefined;
    const dek = await generateDataKey();
    const device = await createDeviceSlot(dek, await generateWrappingKey());
    const check = await createKeyCheck(dek);
    const tx = db.transaction([STORE_META, STORE_RECORDS], 'readwrite');
    const meta = tx.objectStore(STORE_META);
    const created = await runTx(tx, async () => {
      const [existingCheck, existingDevice, existingPassword, records] = await Promise.all([
        meta.get(KEY_CHECK),
        meta.get(SLOT_DEVICE),
        meta.get(SLOT_PASSWORD),
        tx.objectStore(STORE_RECORDS).count(),
      ]);
      // Anything present means another context won the race, or the vault is damaged; either way a
      // fresh key must never replace the one existing records were encrypted under.
      if (existingCheck !== undefined || existingDevice !== undefined || existingPassword !== undefined)
        return false;
      if (records > 0) return false;
      await Promise.all([meta.put(check, KEY_CHECK), meta.put(device, SLOT_DEVICE)]);
      return true;
    });
    return created ? dek : undefined;
  }

  private async readSlots(): Promise<MetaSnapshot> {
    // One transaction, so a concurrent slot switch elsewhere is seen entirely or not at all.
    const db = await this.config.db();
    const tx = db.transaction(STORE_META, 'readonly');
    const [password, device] = await Promise.all([tx.store.get(SLOT_PASSWORD), tx.store.get(SLOT_DEVICE)]);
    await tx.done;
    const parsedPassword = parsePasswordSlot(password);
    if (password !== undefined && !parsedPassword) {
      throw new VaultError('tampered', 'password slot is malformed', { id: SLOT_PASSWORD });
    }
    return { password: parsedPassword, device: parseDeviceSlot(device) };
  }

  async hasPassword(): Promise<boolean> {
    return (await this.readSlots()).password !== undefined;
  }

  private async keyMatches(dek: CryptoKey): Promise<boolean> {
    const db = await this.config.db();
    const check = parseKeyCheck(await db.get(STORE_META, KEY_CHECK));
    if (!check) throw new VaultError('tampered', 'key check is missing or malformed', { id: KEY_CHECK });
    return verifyKeyCheck(dek, check);
  }

  /** True when the stored records are under `dek` (the key check matches it). */
  isCurrentKey(dek: CryptoKey): Promise<boolean> {
    return this.keyMatches(dek);
  }

  /** A slot that opens but yields a key the records were not made with means the slot was replaced. */
  private async checkKey(dek: CryptoKey): Promise<void> {
    if (!(await this.keyMatches(dek))) {
      throw new VaultError('tampered', 'data key does not match the key check', { id: KEY_CHECK });
    }
  }

  async unlockWithDevice(): Promise<CryptoKey> {
    const { password, device } = await this.readSlots();
    if (password) throw new VaultError('password-required', 'this vault is protected by a password');
    if (!device) throw new VaultError('tampered', 'device slot is missing or malformed', { id: SLOT_DEVICE });
    let dek: CryptoKey;
    try {
      dek = await openDeviceSlot(device);
    } catch (error) {
      if (error instanceof AuthError) {
        throw new VaultError('tampered', 'device slot failed authentication', { id: SLOT_DEVICE });
      }
      throw error;
    }
    await this.checkKey(dek);
    return dek;
  }

  async unlockWithSessionKey(raw: unknown): Promise<CryptoKey> {
    if (!isBytes(raw) || raw.length !== KEY_BYTES) {
      throw new VaultError('invalid-input', `session key must be ${KEY_BYTES} bytes`);
    }
    const dek = await importDataKey(toBytes(raw));
    if (!(await this.keyMatches(dek))) {
      throw new VaultError('bad-session-key', 'session key does not belong to this vault');
    }
    return dek;
  }

  /**
   * Counts the attempt first (see throttle.ts), so the counter survives a worker killed mid-KDF.
   * Returns the failure count this attempt would leave behind if the password is wrong.
   */
  private async reserveAttempt(): Promise<number> {
    const db = await this.config.db();
    const now = this.config.now();
    const tx = db.transaction(STORE_KV, 'readwrite');
    const decision = await runTx(tx, async () => {
      const state = parseThrottle(await tx.store.get(THROTTLE_KEY));
      const { wait, corrected } = remainingWait(state, now);
      if (wait > 0) {
        if (corrected) await tx.store.put(corrected, THROTTLE_KEY);
        return { wait, failures: state.failures };
      }
      const next = recordAttempt(state, now);
      await tx.store.put(next, THROTTLE_KEY);
      return { wait: 0, failures: next.failures };
    });
    if (decision.wait > 0) {
      const seconds = Math.ceil(decision.wait / 1000);
      throw new VaultError('throttled', `too many wrong passwords; try again in ${seconds} s`, {
        retryAfterMs: decision.wait,
      });
    }
    return decision.failures;
  }

  private async resetThrottle(): Promise<void> {
    const db = await this.config.db();
    await db.put(STORE_KV, { failures: 0, nextAllowedAt: 0 }, THROTTLE_KEY);
  }

  /**
   * Throttled password check; used by unlock and before any password change, so changing the
   * password cannot be used to brute-force it either. A wrong password changes nothing but the
   * throttle counter.
   */
  async verifyPassword(password: unknown): Promise<{ dek: CryptoKey; slot: PasswordSlot }> {
    if (typeof password !== 'string') throw new VaultError('invalid-input', 'password must be a string');
    const { password: slot } = await this.readSlots();
    if (!slot) throw new VaultError('no-password', 'this vault has no password');
    const failures = await this.reserveAttempt();
    let dek: CryptoKey;
    try {
      dek = await openPasswordSlot(slot, password);
    } catch (error) {
      if (error instanceof AuthError) {
        throw new VaultError('wrong-password', 'wrong password', { retryAfterMs: delayAfter(failures) });
      }
      throw error;
    }
    await this.checkKey(dek);
    await this.resetThrottle();
    return { dek, slot };
  }

  /** True when the slot was made with weaker parameters than this build's, so it should be redone. */
  needsKdfUpgrade(slot: PasswordSlot): boolean {
    return !meetsKdf(slot.kdf, this.config.kdf);
  }

  /**
   * Set or change the password under a new data key, returned; the old one opens nothing written
   * from now on. Why: Chromium keeps a deleted device slot in its LevelDB log until it compacts
   * (tests/e2e/profile-recovery.spec.ts), so re-wrapping the same key would let a profile copy open
   * every account, even those added after the password. On a change the retired slot is only
   * password-wrapped, but a user changes a password they fear is known, and the cost is the same:
   * one AES pass over the records next to an Argon2id run.
   */
  async rekeyUnderPassword(dek: CryptoKey, password: string): Promise<CryptoKey> {
    this.step('verified');
    const spec = newKdfSpec(this.config.kdf);
    const kek = await kekFromBytes(await deriveKek(password, spec));
    this.step('derived');
    const next = await generateDataKey();
    const rekey = await this.reencryptAll(dek, next);
    this.step('rekeyed');
    const slot = await createPasswordSlot(next, kek, spec);
    this.step('wrapped');
    await this.commitSlot(SLOT_PASSWORD, slot, SLOT_DEVICE, rekey);
    this.step('committed');
    return next;
  }

  /**
   * Encryption cannot run inside a transaction (it would commit early), so the records are read
   * and re-encrypted first and the write transaction checks nothing moved meanwhile. A record that
   * does not open refuses the whole switch: under the new key it could never be read again.
   */
  private async reencryptAll(from: CryptoKey, to: CryptoKey): Promise<Rekey> {
    const db = await this.config.db();
    const tx = db.transaction([STORE_META, STORE_RECORDS], 'readonly');
    const [check, rows, ...sealedRows] = await Promise.all([
      tx.objectStore(STORE_META).get(KEY_CHECK),
      tx.objectStore(STORE_RECORDS).getAll(),
      ...SEALED_META.map((name) => tx.objectStore(STORE_META).get(sealedMetaKey(name))),
    ]);
    await tx.done;
    const seenCheck = parseKeyCheck(check);
    if (!seenCheck) throw new VaultError('tampered', 'key check is missing or malformed', { id: KEY_CHECK });
    if (!(await verifyKeyCheck(from, seenCheck))) {
      throw new VaultError('tampered', 'data key does not match the key check', { id: KEY_CHECK });
    }
    const [rewritten, nextCheck, resealed] = await Promise.all([
      Promise.all(rows.map((row) => reencryptRecord(from, to, row))),
      createKeyCheck(to),
      Promise.all(SEALED_META.map((name, i) => resealMeta(from, to, name, sealedRows[i]))),
    ]);
    return {
      rows: rewritten,
      check: nextCheck,
      sealed: SEALED_META.map((name, i) => ({
        key: sealedMetaKey(name),
        row: resealed[i],
        seen: sealedRows[i],
      })),
      from: { check: seenCheck, rows: new Map(rows.map((row) => [row.id, row])) },
    };
  }

  /**
   * Re-wrap the same DEK under the password, records untouched: for a KDF upgrade at unlock, where
   * the password (the secret) does not change, so a new data key would protect nothing more.
   */
  async wrapUnderPassword(dek: CryptoKey, password: string): Promise<void> {
    this.step('verified');
    const spec = newKdfSpec(this.config.kdf);
    const kek = await kekFromBytes(await deriveKek(password, spec));
    this.step('derived');
    const slot = await createPasswordSlot(dek, kek, spec);
    this.step('wrapped');
    await this.commitSlot(SLOT_PASSWORD, slot, SLOT_DEVICE);
    this.step('committed');
  }

  /**
   * Remove the password: the DEK goes back under a fresh non-extractable device key. No new data
   * key: the device key that will wrap it is readable from the profile's files anyway.
   */
  async wrapUnderDevice(dek: CryptoKey): Promise<void> {
    this.step('verified');
    const deviceKey = await generateWrappingKey();
    this.step('derived');
    const slot = await createDeviceSlot(dek, deviceKey);
    this.step('wrapped');
    await this.commitSlot(SLOT_DEVICE, slot, SLOT_PASSWORD);
    this.step('committed');
  }

  /** One transaction: the records and key check under a new key (if any), the new slot, the old gone. */
  private async commitSlot(
    key: string,
    slot: DeviceSlot | PasswordSlot,
    replaces: string,
    rekey?: Rekey,
  ): Promise<void> {
    const db = await this.config.db();
    // Records join the scope only when they change, so a KDF upgrade or removal does not block reads.
    const tx = db.transaction(
      rekey ? [STORE_META, STORE_RECORDS, STORE_KV] : [STORE_META, STORE_KV],
      'readwrite',
    );
    await runTx(tx, async () => {
      const meta = tx.objectStore(STORE_META);
      if (rekey) {
        const records = tx.objectStore(STORE_RECORDS);
        const [check, rows] = await Promise.all([meta.get(KEY_CHECK), records.getAll()]);
        const seen = rekey.from.check;
        const current = parseKeyCheck(check);
        // A record added or edited meanwhile would be left under the retired key: refuse instead.
        const sealedNow = await Promise.all(rekey.sealed.map(({ key }) => meta.get(key)));
        if (
          !current ||
          !equalBytes(current.ct, seen.ct) ||
          !sameRows(rekey.from.rows, rows) ||
          rekey.sealed.some(({ seen }, i) => !sameSealedRow(seen, sealedNow[i]))
        ) {
          throw new VaultError('stale-revision', 'accounts changed while the password was being set');
        }
        // The snapshot was sealed under the retired key: it goes with it, and its generation moves on.
        const generation = readGeneration(await meta.get(GENERATION_KEY));
        await issueAll([
          ...rekey.rows.map((row) => () => records.put(row)),
          () => meta.put(rekey.check, KEY_CHECK),
          () => meta.put(generation + 1, GENERATION_KEY),
          () => meta.delete(SNAPSHOT_KEY),
          ...rekey.sealed.map(
            ({ key, row }) =>
              () =>
                row ? meta.put(row, key) : meta.delete(key),
          ),
        ]);
        this.step('tx-records-rewritten');
      }
      await meta.put(slot, key);
      this.step('tx-new-slot-written');
      await meta.delete(replaces);
      // Authenticator slots need the password beside them, and wrap the data key a rekey retires.
      if (rekey || key === SLOT_DEVICE) await meta.delete(authenticatorSlotKeys());
      this.step('tx-old-slot-removed');
      // A new secret starts with a clean slate of attempts.
      await tx.objectStore(STORE_KV).put({ failures: 0, nextAllowedAt: 0 }, THROTTLE_KEY);
    });
  }
}
