/**
 * The encrypted account repository. Runs wherever IndexedDB and WebCrypto exist (MV3 service worker,
 * extension pages, Node under fake-indexeddb); it never touches extension APIs.
 *
 * Conventions:
 * - Every public operation resolves to a `VaultResult` value and never throws, so results cross the
 *   messaging boundary unchanged. Only `Vault.open` throws (a `VaultError`), like a constructor.
 * - Every write is one IndexedDB transaction, runs through a per-instance queue, and resolves only
 *   after the transaction committed.
 * - Writes are optimistic across contexts: each re-checks the clear `rev` of the rows it touches
 *   inside its transaction and fails with `stale-revision` if another context got there first.
 */
import type { StoredAccount } from '../core/account.ts';
import { exportRawKey } from '../core/crypto/aead.ts';
import { type Argon2idParams, DEFAULT_KDF } from '../core/crypto/kdf.ts';
import {
  type AccountPatch,
  applyPatch,
  buildNewAccount,
  checkStoredAccount,
  type NewAccount,
} from './account-shape.ts';
import { type AuthenticatorInfo, AuthenticatorSlots } from './authenticator-slots.ts';
import { openVaultDb, type RecordRow, type VaultDb } from './db.ts';
import { toFailure, VaultError, type VaultFailure, type VaultResult } from './errors.ts';
import { Keyring, type RewrapStep } from './keyring.ts';
import { STORE_KV, STORE_META, STORE_RECORDS, THROTTLE_KEY } from './migrations.ts';
import { decodeRecord, encodeRecord } from './records.ts';
import { openMeta, type SealedMetaName, sealedMetaKey, sealMeta } from './sealed-meta.ts';
import {
  GENERATION_KEY,
  openSnapshot,
  readGeneration,
  SNAPSHOT_KEY,
  type SnapshotList,
  sealSnapshot,
} from './snapshot.ts';
import { issueAll, runTx, SerialQueue } from './tx.ts';

export type { AccountPatch, NewAccount } from './account-shape.ts';
export type { RewrapStep } from './keyring.ts';

export type VaultState = 'locked' | 'unlocked';

export interface VaultOptions {
  /** Argon2id cost for new password slots; slots made weaker are re-wrapped on the next unlock. */
  kdf?: Argon2idParams;
  /** Clock for timestamps and throttling. */
  now?: () => number;
  /** Test hook between password-change steps; throw to simulate a crash there. Must be synchronous. */
  onRewrapStep?: (step: RewrapStep) => void;
  /** Unlock with the device key during `open` when there is no password. Default true. */
  autoUnlock?: boolean;
}

/**
 * `list`/`exportAll` return every record that decrypts, plus one `tampered` failure per record that
 * does not. Damaged records are reported, never dropped: they stay on disk (the UI can offer to
 * delete them with `remove`) and are never returned as accounts.
 */
/** A patch for a stored account, refused unless its revision is still `revision`. */
export interface AccountUpdate {
  id: string;
  revision: number;
  patch: AccountPatch;
}

export interface ImportResult {
  added: StoredAccount[];
  updated: StoredAccount[];
}

export interface AccountList {
  accounts: StoredAccount[];
  damaged: VaultFailure[];
}

interface RecordChange {
  id: string;
  /** Clear revision the row must still have; `null` means the id must be absent. */
  expect: number | null;
  /** New row, or undefined to delete. */
  row: RecordRow | undefined;
}

function byOrder(a: StoredAccount, b: StoredAccount): number {
  // Two contexts adding at once can pick the same order; createdAt/id keep the list stable anyway.
  return a.order - b.order || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A record the snapshot recorded as not opening, reported as the records themselves would. */
function damagedFailure(id: string): VaultFailure {
  return toFailure(new VaultError('tampered', `record ${id}: did not open when last read`, { id }));
}

function invalid(reason: string): VaultError {
  return new VaultError('invalid-input', reason);
}

export class Vault {
  private connection: Promise<VaultDb> | undefined;
  private dek: CryptoKey | undefined;
  /** Next free `order`; orders are encrypted, so this is learnt from the last full decrypt. */
  private nextOrder: number | undefined;
  /** Bumped by lock(): a key obtained by an operation that started before the lock is not kept. */
  private epoch = 0;
  /**
   * Settles when the last password set has swapped the data key. Reads wait for it: one started
   * during the switch would read the new rows with the old key and report every account damaged.
   */
  private rekeyed: Promise<unknown> = Promise.resolve();
  private readonly queue = new SerialQueue();
  /** The records' generation after this instance's last commit (see `./snapshot.ts`). */
  private committedGeneration: number | undefined;
  private readonly keyring: Keyring;
  private readonly authenticators: AuthenticatorSlots;
  private readonly now: () => number;

  private constructor(
    readonly name: string,
    options: VaultOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.keyring = new Keyring({
      db: () => this.db(),
      now: this.now,
      kdf: options.kdf ?? DEFAULT_KDF,
      onStep: options.onRewrapStep,
    });
    this.authenticators = new AuthenticatorSlots({
      db: () => this.db(),
      now: this.now,
      isCurrentKey: (dek) => this.keyring.isCurrentKey(dek),
    });
  }

  /** Opens (creating and initialising if needed) the vault stored in IndexedDB database `name`. */
  static async open(name: string, options: VaultOptions = {}): Promise<Vault> {
    const vault = new Vault(name, options);
    try {
      const created = await vault.keyring.initializeIfEmpty();
      if (created) {
        vault.dek = created;
        vault.nextOrder = 0;
      } else if (options.autoUnlock !== false) {
        // Failures here (a damaged slot) leave the vault open but locked; the caller's own unlock
        // call reports the reason, instead of the vault becoming impossible to open at all.
        const hasPassword = await vault.hasPassword();
        if (hasPassword.ok && !hasPassword.value) await vault.unlockWithDevice();
      }
    } catch (error) {
      vault.close();
      throw error instanceof VaultError ? error : new VaultError('storage-failed', toFailure(error).message);
    }
    return vault;
  }

  private db(): Promise<VaultDb> {
    if (!this.connection) {
      const opening = openVaultDb(this.name, {
        onLost: () => {
          if (this.connection === opening) this.connection = undefined;
        },
      });
      this.connection = opening;
      opening.catch(() => {
        if (this.connection === opening) this.connection = undefined;
      });
    }
    return this.connection;
  }

  private async result<T>(job: () => Promise<T>): Promise<VaultResult<T>> {
    try {
      return { ok: true, value: await job() };
    } catch (error) {
      return { ok: false, error: toFailure(error) };
    }
  }

  private write<T>(job: () => Promise<T>): Promise<VaultResult<T>> {
    return this.result(() => this.queue.run(job));
  }

  /** Runs a job that yields the data key and keeps it, unless lock() was called meanwhile. */
  private adopt(job: () => Promise<CryptoKey>): Promise<VaultResult<void>> {
    const epoch = this.epoch;
    return this.write(async () => {
      const dek = await job();
      if (epoch === this.epoch) this.dek = dek;
    });
  }

  private key(): CryptoKey {
    if (!this.dek) throw new VaultError('locked', 'the vault is locked');
    return this.dek;
  }

  state(): VaultState {
    return this.dek ? 'unlocked' : 'locked';
  }

  hasPassword(): Promise<VaultResult<boolean>> {
    return this.result(() => this.keyring.hasPassword());
  }

  unlock(password: string): Promise<VaultResult<void>> {
    return this.adopt(async () => {
      const { dek, slot } = await this.keyring.verifyPassword(password);
      if (this.keyring.needsKdfUpgrade(slot)) {
        // Best effort: the old slot keeps working if this fails, so unlock still succeeds.
        await this.keyring.wrapUnderPassword(dek, password).catch(() => undefined);
      }
      return dek;
    });
  }

  unlockWithDevice(): Promise<VaultResult<void>> {
    return this.adopt(() => this.keyring.unlockWithDevice());
  }

  /**
   * Clear bookkeeping beside the records (settings, clock readings): readable while locked, and out of
   * reach of the scripts the extension injects into pages, which share `storage.local` but not the
   * extension's IndexedDB. The unlock throttle's own key is not for callers.
   */
  readKv(key: string): Promise<VaultResult<unknown>> {
    return this.result(async () => (key === THROTTLE_KEY ? undefined : (await this.db()).get(STORE_KV, key)));
  }

  writeKv(key: string, value: unknown): Promise<VaultResult<void>> {
    return this.result(async () => {
      if (key === THROTTLE_KEY) throw new VaultError('storage-failed', `${key} is reserved`);
      await (await this.db()).put(STORE_KV, value, key);
    });
  }

  /** A value sealed under the data key (`./sealed-meta.ts`); needs the vault unlocked. */
  readSealed(name: SealedMetaName): Promise<VaultResult<unknown>> {
    return this.result(async () => {
      await this.rekeyed;
      return openMeta(this.key(), name, await (await this.db()).get(STORE_META, sealedMetaKey(name)));
    });
  }

  /** Undefined deletes it. Through the write queue, so a password set cannot interleave. */
  writeSealed(name: SealedMetaName, value: unknown): Promise<VaultResult<void>> {
    return this.write(async () => {
      const key = sealedMetaKey(name);
      const db = await this.db();
      if (value === undefined) await db.delete(STORE_META, key);
      else await db.put(STORE_META, await sealMeta(this.key(), name, value), key);
    });
  }

  /** Raw DEK bytes, for chrome.storage.session. Anyone holding them can read the vault. */
  exportSessionKey(): Promise<VaultResult<Uint8Array>> {
    return this.result(() => exportRawKey(this.key()));
  }

  /** Unlocks from `exportSessionKey` bytes after checking they match this vault. */
  unlockWithSessionKey(raw: Uint8Array): Promise<VaultResult<void>> {
    return this.adopt(() => this.keyring.unlockWithSessionKey(raw));
  }

  /**
   * Drops the key reference. WebCrypto keys cannot be zeroed from JS; once unreferenced, the
   * browser frees them. Queued writes that have not started will fail with `locked`.
   */
  lock(): void {
    this.epoch++;
    this.dek = undefined;
    this.nextOrder = undefined;
  }

  close(): void {
    this.lock();
    const connection = this.connection;
    this.connection = undefined;
    connection?.then((db) => db.close()).catch(() => undefined);
  }

  list(): Promise<VaultResult<AccountList>> {
    return this.result(() => this.decryptAll());
  }

  /** Everything decrypted, for backups; the caller decides who may call this. */
  exportAll(): Promise<VaultResult<AccountList>> {
    return this.result(() => this.decryptAll());
  }

  get(id: string): Promise<VaultResult<StoredAccount>> {
    return this.result(async () => {
      await this.rekeyed;
      const dek = this.key();
      const row = await (await this.db()).get(STORE_RECORDS, id);
      if (row === undefined) throw new VaultError('not-found', `no account ${id}`, { id });
      return decodeRecord(dek, row);
    });
  }

  add(input: NewAccount): Promise<VaultResult<StoredAccount>> {
    return this.write(async () => (await this.insert([input]))[0]!);
  }

  /** All or nothing: one invalid input rejects the batch, and the batch is one transaction. */
  addMany(inputs: NewAccount[]): Promise<VaultResult<StoredAccount[]>> {
    return this.write(() => this.insert(inputs));
  }

  /**
   * An import: new accounts added and stored ones patched, all in one transaction. Any refusal (an
   * invalid account, a damaged or stale record, an id patched twice) leaves every record as it was.
   */
  importMany(adds: NewAccount[], updates: readonly AccountUpdate[]): Promise<VaultResult<ImportResult>> {
    return this.applyChanges(adds, updates, []);
  }

  /**
   * Adds, patches and removals in one transaction (what sync brings from another computer): all or
   * none. A removal names the revision it saw, as `remove` does.
   */
  applyChanges(
    adds: NewAccount[],
    updates: readonly AccountUpdate[],
    removes: readonly { id: string; revision: number }[],
  ): Promise<VaultResult<ImportResult>> {
    return this.write(async () => {
      if (!Array.isArray(adds) || !Array.isArray(updates) || !Array.isArray(removes))
        throw invalid('expected arrays of accounts');
      const dek = this.key();
      const touched = [...updates.map((u) => u.id), ...removes.map((r) => r.id)];
      if (new Set(touched).size !== touched.length) throw invalid('an account is changed twice');
      for (const { id, revision } of removes) {
        const current = await this.read(dek, id);
        if (current.revision !== revision) throw this.stale(id, current.revision);
      }
      const now = this.now();
      const updated: StoredAccount[] = [];
      for (const { id, revision, patch } of updates) {
        const current = await this.read(dek, id);
        if (current.revision !== revision) throw this.stale(id, current.revision);
        const next = applyPatch(current, patch, now);
        if (!next.ok) throw invalid(`account ${id}: ${next.reason}`);
        updated.push(next.value);
      }
      const { accounts: added, nextOrder } = await this.build(adds, now);
      const rows = await Promise.all([...added, ...updated].map((a) => encodeRecord(dek, a)));
      await this.commit([
        ...rows.map((row, i) => ({ id: row.id, expect: i < added.length ? null : row.rev - 1, row })),
        ...removes.map(({ id, revision }) => ({ id, expect: revision, row: undefined })),
      ]);
      this.nextOrder = nextOrder;
      for (const a of [...added, ...updated]) this.noteOrder(a.order);
      return { added, updated };
    });
  }

  /** Refused with `stale-revision` unless the stored revision is still `expectedRevision`. */
  update(id: string, patch: AccountPatch, expectedRevision: number): Promise<VaultResult<StoredAccount>> {
    return this.write(async () => {
      const dek = this.key();
      const current = await this.read(dek, id);
      if (current.revision !== expectedRevision) throw this.stale(id, current.revision);
      const next = applyPatch(current, patch, this.now());
      if (!next.ok) throw invalid(next.reason);
      await this.commit([{ id, expect: current.revision, row: await encodeRecord(dek, next.value) }]);
      this.noteOrder(next.value.order);
      return next.value;
    });
  }

  /**
   * Deletes a record and returns it (for undo via `restore`), or null when it was damaged — a
   * damaged record can be deleted but not returned. `expectedRevision` guards against deleting an
   * account another popup just edited.
   */
  remove(id: string, expectedRevision?: number): Promise<VaultResult<StoredAccount | null>> {
    return this.write(async () => {
      const dek = this.key();
      const row = await (await this.db()).get(STORE_RECORDS, id);
      if (row === undefined) throw new VaultError('not-found', `no account ${id}`, { id });
      let account: StoredAccount | null = null;
      try {
        account = await decodeRecord(dek, row);
      } catch (error) {
        if (!(error instanceof VaultError && error.code === 'tampered')) throw error;
      }
      // A damaged record has only its clear revision to compare against.
      const revision = account ? account.revision : row.rev;
      if (expectedRevision !== undefined && revision !== expectedRevision) throw this.stale(id, revision);
      await this.commit([{ id, expect: row.rev, row: undefined }]);
      return account;
    });
  }

  /** Puts a removed account back under its id; its revision moves past the one it was deleted at. */
  restore(account: StoredAccount): Promise<VaultResult<StoredAccount>> {
    return this.write(async () => {
      const dek = this.key();
      const checked = checkStoredAccount(account);
      if (!checked.ok) throw invalid(checked.reason);
      const restored = { ...checked.value, revision: checked.value.revision + 1, updatedAt: this.now() };
      await this.commit([{ id: restored.id, expect: null, row: await encodeRecord(dek, restored) }]);
      this.noteOrder(restored.order);
      return restored;
    });
  }

  /**
   * `ids` come first, in that order; accounts not listed keep their relative order after them.
   * Only records whose position changes are rewritten.
   */
  reorder(ids: string[]): Promise<VaultResult<void>> {
    return this.write(async () => {
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
        throw invalid('ids must be strings');
      }
      if (new Set(ids).size !== ids.length) throw invalid('ids contain duplicates');
      const dek = this.key();
      const { accounts, damaged } = await this.decryptAll();
      const byId = new Map(accounts.map((a) => [a.id, a]));
      for (const id of ids) {
        if (byId.has(id)) continue;
        const broken = damaged.find((d) => d.id === id);
        if (broken) throw new VaultError('tampered', broken.message, { id });
        throw new VaultError('not-found', `no account ${id}`, { id });
      }
      const listed = new Set(ids);
      const sequence = [...ids.map((id) => byId.get(id)!), ...accounts.filter((a) => !listed.has(a.id))];
      const now = this.now();
      const moved = sequence
        .map((account, order) => ({ account, order }))
        .filter(({ account, order }) => account.order !== order)
        .map(({ account, order }) => ({ ...account, order, revision: account.revision + 1, updatedAt: now }));
      const rows = await Promise.all(moved.map((a) => encodeRecord(dek, a)));
      await this.commit(rows.map((row) => ({ id: row.id, expect: row.rev - 1, row })));
      this.nextOrder = Math.max(this.nextOrder ?? 0, sequence.length);
    });
  }

  /**
   * Sets (when there is none) or changes the password. Changing requires `currentPassword`, checked
   * with the same throttling as unlock. A new data key replaces the old one (why: `rekeyUnderPassword`):
   * every record is re-encrypted, keeping its id, order and revision, and the records, key check
   * and key slot change in one transaction. This instance holds the new key afterwards.
   */
  setPassword(newPassword: string, currentPassword?: string): Promise<VaultResult<void>> {
    const epoch = this.epoch;
    const done = this.write(async () => {
      if (typeof newPassword !== 'string' || newPassword.length === 0) {
        throw invalid('password must not be empty');
      }
      let dek: CryptoKey;
      if (await this.keyring.hasPassword()) {
        if (currentPassword === undefined) {
          throw new VaultError('password-required', 'the current password is needed to change it');
        }
        dek = (await this.keyring.verifyPassword(currentPassword)).dek;
      } else {
        dek = this.dek ?? (await this.keyring.unlockWithDevice());
      }
      let next: CryptoKey;
      try {
        next = await this.keyring.rekeyUnderPassword(dek, newPassword);
      } catch (error) {
        // Failing after the commit (a crash hook today) must not leave this instance writing new
        // records under the retired key, where nothing could read them back.
        if (this.dek && !(await this.keyring.isCurrentKey(this.dek).catch(() => false))) this.lock();
        throw error;
      }
      if (epoch === this.epoch) this.dek = next;
    });
    this.rekeyed = done;
    return done;
  }

  /**
   * The authenticators that can unlock this vault and the PRF salt they evaluate: readable while
   * locked, since the lock screen asks the authenticator with them.
   */
  authenticatorOptions(): Promise<VaultResult<{ prfSalt: Uint8Array; authenticators: AuthenticatorInfo[] }>> {
    return this.result(async () => {
      const authenticators = await this.authenticators.list();
      // No salt is made for a vault that has no authenticator: the lock screen only needs to know that.
      const prfSalt = authenticators.length > 0 ? await this.authenticators.prfSalt() : new Uint8Array();
      return { prfSalt, authenticators };
    });
  }

  /** The salt a new authenticator must evaluate; made on first use. Needs the vault unlocked. */
  prfSaltForRegistration(): Promise<VaultResult<Uint8Array>> {
    return this.result(async () => {
      this.key();
      return this.authenticators.prfSalt();
    });
  }

  /** Adds a slot for an authenticator's PRF answer; needs the vault unlocked and a password set. */
  addAuthenticator(
    authenticator: Omit<AuthenticatorInfo, 'createdAt'>,
    prfOutput: Uint8Array,
  ): Promise<VaultResult<AuthenticatorInfo>> {
    return this.write(async () => {
      await this.rekeyed;
      return this.authenticators.add(this.key(), authenticator, prfOutput);
    });
  }

  removeAuthenticator(credentialId: Uint8Array): Promise<VaultResult<void>> {
    return this.write(async () => {
      this.key();
      await this.authenticators.remove(credentialId);
    });
  }

  unlockWithAuthenticator(credentialId: Uint8Array, prfOutput: Uint8Array): Promise<VaultResult<void>> {
    return this.adopt(() => this.authenticators.unlock(credentialId, prfOutput));
  }

  /** Goes back to the device key; needs the current password. */
  removePassword(currentPassword: string): Promise<VaultResult<void>> {
    return this.adopt(async () => {
      const { dek } = await this.keyring.verifyPassword(currentPassword);
      await this.keyring.wrapUnderDevice(dek);
      return dek;
    });
  }

  private stale(id: string, revision: number | undefined): VaultError {
    return new VaultError('stale-revision', `account ${id} changed since it was read`, {
      id,
      ...(revision === undefined ? {} : { revision }),
    });
  }

  private noteOrder(order: number): void {
    if (this.nextOrder !== undefined) this.nextOrder = Math.max(this.nextOrder, Math.floor(order) + 1);
  }

  private async read(dek: CryptoKey, id: string): Promise<StoredAccount> {
    const row = await (await this.db()).get(STORE_RECORDS, id);
    if (row === undefined) throw new VaultError('not-found', `no account ${id}`, { id });
    return decodeRecord(dek, row);
  }

  private async decryptAll(): Promise<AccountList> {
    await this.rekeyed;
    const dek = this.key();
    const db = await this.db();
    const peek = db.transaction(STORE_META, 'readonly');
    const [generationValue, snapshotRow] = await Promise.all([
      peek.store.get(GENERATION_KEY),
      peek.store.get(SNAPSHOT_KEY),
    ]);
    await peek.done;
    const generation = readGeneration(generationValue);
    const snapshot = await openSnapshot(dek, snapshotRow, generation);
    if (snapshot) return this.adoptList(snapshot.accounts, snapshot.damaged.map(damagedFailure));
    // Rows and generation in one transaction: the snapshot written from them is true to that generation.
    const tx = db.transaction([STORE_RECORDS, STORE_META], 'readonly');
    const [rows, rowsGeneration] = await Promise.all([
      tx.objectStore(STORE_RECORDS).getAll() as Promise<unknown[]>,
      tx.objectStore(STORE_META).get(GENERATION_KEY),
    ]);
    await tx.done;
    const settled = await Promise.allSettled(rows.map((row) => decodeRecord(dek, row)));
    const accounts: StoredAccount[] = [];
    const damaged: VaultFailure[] = [];
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') accounts.push(outcome.value);
      else if (outcome.reason instanceof VaultError && outcome.reason.code === 'tampered') {
        damaged.push(toFailure(outcome.reason));
      } else throw outcome.reason;
    }
    const list = this.adoptList(accounts, damaged);
    // Awaited, so a list that returned has left the vault as it will stay; a failure only costs speed.
    await this.saveSnapshot(list, readGeneration(rowsGeneration)).catch(() => undefined);
    return list;
  }

  private adoptList(accounts: StoredAccount[], damaged: VaultFailure[]): AccountList {
    accounts.sort(byOrder);
    const last = accounts.reduce((max, a) => Math.max(max, Math.floor(a.order) + 1), 0);
    this.nextOrder = Math.max(this.nextOrder ?? 0, last);
    return { accounts, damaged };
  }

  /**
   * Seals `list` as the snapshot of `generation`, unless a write has moved the records on since
   * (checked in the same transaction as the put, so a stale list is never stored as current).
   */
  private async saveSnapshot(list: AccountList, generation: number): Promise<void> {
    const dek = this.key();
    const snapshot: SnapshotList = {
      accounts: [...list.accounts].sort(byOrder),
      damaged: list.damaged.flatMap((failure) => (failure.id ? [failure.id] : [])),
    };
    const row = await sealSnapshot(dek, snapshot, generation);
    const tx = (await this.db()).transaction(STORE_META, 'readwrite');
    await runTx(tx, async () => {
      if (readGeneration(await tx.store.get(GENERATION_KEY)) === generation)
        await tx.store.put(row, SNAPSHOT_KEY);
    });
  }

  /**
   * Stores what the caller knows the accounts to be right after this instance's last commit (the
   * account store's cache), so the next cold open reads one ciphertext. Does nothing if another
   * write came in between, or if this instance has not written.
   */
  rememberList(accounts: StoredAccount[], damagedIds: string[]): Promise<VaultResult<void>> {
    return this.result(async () => {
      if (this.committedGeneration === undefined || this.state() === 'locked') return;
      await this.saveSnapshot(
        { accounts, damaged: damagedIds.map(damagedFailure) },
        this.committedGeneration,
      );
    });
  }

  private async insert(inputs: NewAccount[]): Promise<StoredAccount[]> {
    if (!Array.isArray(inputs)) throw invalid('expected an array of accounts');
    const dek = this.key();
    const { accounts, nextOrder } = await this.build(inputs, this.now());
    const rows = await Promise.all(accounts.map((a) => encodeRecord(dek, a)));
    await this.commit(rows.map((row) => ({ id: row.id, expect: null, row })));
    this.nextOrder = nextOrder;
    for (const a of accounts) this.noteOrder(a.order);
    return accounts;
  }

  /** Checks and completes new accounts; those without an order go after every stored one. */
  private async build(
    inputs: NewAccount[],
    now: number,
  ): Promise<{ accounts: StoredAccount[]; nextOrder: number }> {
    if (!Array.isArray(inputs)) throw invalid('expected an array of accounts');
    if (this.nextOrder === undefined) await this.decryptAll();
    let order = this.nextOrder ?? 0;
    const accounts = inputs.map((input, index) => {
      const explicit = typeof input === 'object' && input !== null && input.order !== undefined;
      const built = buildNewAccount(input, { id: crypto.randomUUID(), order: explicit ? 0 : order++, now });
      if (!built.ok) throw invalid(inputs.length > 1 ? `account ${index}: ${built.reason}` : built.reason);
      return built.value;
    });
    return { accounts, nextOrder: order };
  }

  /** One transaction: check every row's clear revision, then apply all changes or none. */
  private async commit(changes: RecordChange[]): Promise<void> {
    if (changes.length === 0) return;
    const db = await this.db();
    const tx = db.transaction([STORE_RECORDS, STORE_META], 'readwrite');
    const records = tx.objectStore(STORE_RECORDS);
    const meta = tx.objectStore(STORE_META);
    const generation = await runTx(tx, async () => {
      const [generation, ...current] = await Promise.all([
        meta.get(GENERATION_KEY),
        ...changes.map((c) => records.get(c.id)),
      ]);
      changes.forEach((change, i) => {
        const row = current[i];
        const { id, expect } = change;
        if (expect === null) {
          if (row !== undefined) {
            throw new VaultError('already-exists', `account ${id} already exists`, { id });
          }
        } else if (row === undefined) {
          throw new VaultError('not-found', `no account ${id}`, { id });
        } else if (!Object.is(row.rev, expect)) {
          throw this.stale(id, typeof row.rev === 'number' ? row.rev : undefined);
        }
      });
      const next = readGeneration(generation) + 1;
      // The snapshot is of the old records: deleted with them, so no removed secret lingers in it.
      await issueAll([
        ...changes.map((c) => () => (c.row ? records.put(c.row) : records.delete(c.id))),
        () => meta.put(next, GENERATION_KEY),
        () => meta.delete(SNAPSHOT_KEY),
      ]);
      return next;
    });
    this.committedGeneration = generation;
  }
}
