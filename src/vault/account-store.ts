import type { AccountPatch, NewAccount, StoredAccount } from '../core/account.ts';
import { fail, type Result } from '../core/errors.ts';
import { type ImportPlan, planImport } from '../core/import-merge.ts';
import { toFailure } from './errors.ts';
import type { AccountUpdate, ImportResult, Vault } from './vault.ts';

export interface AccountListing {
  accounts: StoredAccount[];
  /** Ids of records that failed authentication: reported, never dropped. */
  damaged: string[];
}

export type StoreChange =
  | { kind: 'added'; accounts: StoredAccount[] }
  | { kind: 'updated'; account: StoredAccount }
  | { kind: 'removed'; id: string }
  | { kind: 'imported'; added: StoredAccount[]; updated: StoredAccount[] }
  | { kind: 'synced'; added: StoredAccount[]; updated: StoredAccount[]; removed: string[] }
  | { kind: 'reordered' }
  | { kind: 'reset' };

/** Same secret and type: the same account, whatever its name says (the duplicate rule). */
export const sameSecret = (
  a: Pick<StoredAccount, 'secret' | 'type'>,
  b: Pick<NewAccount, 'secret' | 'type'>,
) => a.secret === b.secret && a.type === b.type;

/**
 * The one way to read and write accounts: the plaintext cache, the single write queue, the duplicate
 * rule and change events, over a `Vault`. Pure (no extension API), so it is tested under Node.
 *
 * Every write runs alone in the queue, so a check-then-write (the duplicate check) cannot interleave
 * with another write. The cache is kept true to what was committed: a write that knows its effect
 * patches it, anything else drops it and the next read decrypts again.
 */
/** What an import did: the plan it followed (against the accounts stored when it ran), and the result. */
export interface ImportDone {
  plan: ImportPlan;
  added: StoredAccount[];
  updated: StoredAccount[];
}

export class AccountStore {
  #cache: AccountListing | undefined;
  /** Bumped by every write and reset, so a list decrypting meanwhile never caches stale data. */
  #generation = 0;
  #queue: Promise<unknown> = Promise.resolve();
  /** A write is between its commit and the cache update: the cache may be behind the vault. */
  #writing = false;
  #snapshotDue = false;
  readonly #listeners = new Set<(change: StoreChange) => void>();

  constructor(private readonly vault: () => Promise<Vault>) {}

  /** Forget every plaintext account (on lock). */
  reset(): void {
    this.#cache = undefined;
    this.#generation++;
    this.#emit({ kind: 'reset' });
  }

  get cachedCount(): number | undefined {
    return this.#cache?.accounts.length;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async list(): Promise<Result<AccountListing>> {
    if (this.#cache) return { ok: true, value: this.#cache };
    const startedAt = this.#generation;
    const listed = await (await this.vault()).list();
    if (!listed.ok) return listed;
    const value = {
      accounts: listed.value.accounts,
      damaged: listed.value.damaged.flatMap((failure) => (failure.id ? [failure.id] : [])),
    };
    if (startedAt === this.#generation) this.#cache = value;
    return { ok: true, value };
  }

  /** The unlocked accounts, or undefined while locked or unreadable. */
  async accounts(): Promise<StoredAccount[] | undefined> {
    if ((await this.vault()).state() === 'locked') return undefined;
    const listed = await this.list();
    return listed.ok ? listed.value.accounts : undefined;
  }

  add(account: NewAccount): Promise<Result<StoredAccount>> {
    return this.#write(
      async (vault) => {
        const duplicate = await this.#duplicateOf(account);
        if (duplicate) return duplicate;
        return vault.add(account);
      },
      (listing, added) => ({ ...listing, accounts: [...listing.accounts, added] }),
      (added) => ({ kind: 'added', accounts: [added] }),
    );
  }

  /**
   * Several accounts in one vault transaction (import, sync): all or none. An account whose secret
   * is already stored, or repeated in the batch, refuses the whole batch as `duplicate`.
   */
  addMany(accounts: NewAccount[]): Promise<Result<StoredAccount[]>> {
    return this.#write(
      async (vault) => {
        for (const [index, account] of accounts.entries()) {
          const duplicate = await this.#duplicateOf(account);
          if (duplicate) return duplicate;
          if (accounts.slice(0, index).some((earlier) => sameSecret(earlier, account)))
            return fail('duplicate', {
              message: `Account ${index + 1} repeats an earlier one in the batch.`,
            });
        }
        return vault.addMany(accounts);
      },
      (listing, added) => ({ ...listing, accounts: [...listing.accounts, ...added] }),
      (added) => ({ kind: 'added', accounts: added }),
    );
  }

  /** How an import would go against what is stored now; changes nothing. */
  async planImport(accounts: readonly NewAccount[]): Promise<Result<ImportPlan>> {
    const listed = await this.list();
    if (!listed.ok) return listed;
    return { ok: true, value: planImport(listed.value.accounts, accounts, sameSecret) };
  }

  /**
   * Adds the new accounts and merges the changed ones (`planImport`) in one vault transaction: all
   * or nothing. The plan is made inside the write queue, so no other write can slip in between.
   */
  importMany(accounts: readonly NewAccount[]): Promise<Result<ImportDone>> {
    return this.#write(
      async (vault) => {
        const plan = await this.planImport(accounts);
        if (!plan.ok) return plan;
        const { adds, updates } = plan.value;
        if (adds.length === 0 && updates.length === 0)
          return { ok: true, value: { plan: plan.value, added: [], updated: [] } };
        const done = await vault.importMany(adds, updates);
        return done.ok ? { ok: true, value: { plan: plan.value, ...done.value } } : done;
      },
      (listing, { added, updated }) => {
        const byId = new Map(updated.map((account) => [account.id, account]));
        return {
          ...listing,
          accounts: [...listing.accounts.map((account) => byId.get(account.id) ?? account), ...added],
        };
      },
      ({ added, updated }) => ({ kind: 'imported', added, updated }),
    );
  }

  /**
   * What sync brings from another computer, in one vault transaction. No duplicate rule here: sync
   * has matched accounts to its own ids already, and a refusal would leave the computers apart.
   */
  applySync(
    adds: NewAccount[],
    updates: readonly AccountUpdate[],
    removes: readonly { id: string; revision: number }[],
  ): Promise<Result<ImportResult>> {
    const removed = new Set(removes.map(({ id }) => id));
    return this.#write(
      (vault) => vault.applyChanges(adds, updates, removes),
      (listing, { added, updated }) => {
        const byId = new Map(updated.map((account) => [account.id, account]));
        return {
          ...listing,
          accounts: [
            ...listing.accounts
              .filter((account) => !removed.has(account.id))
              .map((account) => byId.get(account.id) ?? account),
            ...added,
          ],
        };
      },
      ({ added, updated }) => ({ kind: 'synced', added, updated, removed: [...removed] }),
    );
  }

  update(id: string, revision: number, patch: AccountPatch): Promise<Result<StoredAccount>> {
    return this.#write(
      (vault) => vault.update(id, patch, revision),
      (listing, next) => ({
        ...listing,
        accounts: listing.accounts.map((account) => (account.id === next.id ? next : account)),
      }),
      (account) => ({ kind: 'updated', account }),
    );
  }

  remove(id: string, revision?: number): Promise<Result<StoredAccount | null>> {
    return this.#write(
      (vault) => vault.remove(id, revision),
      (listing) => ({ ...listing, accounts: listing.accounts.filter((account) => account.id !== id) }),
      () => ({ kind: 'removed', id }),
    );
  }

  restore(account: StoredAccount): Promise<Result<StoredAccount>> {
    return this.#write(
      (vault) => vault.restore(account),
      (listing, restored) => ({ ...listing, accounts: [...listing.accounts, restored] }),
      (restored) => ({ kind: 'added', accounts: [restored] }),
    );
  }

  reorder(ids: string[]): Promise<Result<void>> {
    return this.#write(
      (vault) => vault.reorder(ids),
      undefined,
      () => ({ kind: 'reordered' }),
    );
  }

  /** A write that touches no account (password slots) still waits its turn in the queue. */
  writeKeys<T>(job: (vault: Vault) => Promise<Result<T>>): Promise<Result<T>> {
    return this.#write(job);
  }

  async #duplicateOf(account: NewAccount): Promise<Result<never> | undefined> {
    const existing = await this.list();
    if (!existing.ok) return existing;
    const duplicate = existing.value.accounts.find((stored) => sameSecret(stored, account));
    return duplicate ? fail('duplicate', { id: duplicate.id }) : undefined;
  }

  #write<T>(
    job: (vault: Vault) => Promise<Result<T>>,
    patchCache?: (listing: AccountListing, value: T) => AccountListing,
    change?: (value: T) => StoreChange,
  ): Promise<Result<T>> {
    const run = async (): Promise<Result<T>> => {
      const vault = await this.vault();
      // Inside the queue no other write can land, so this list is the state the write starts from.
      if (patchCache && !this.#cache && vault.state() === 'unlocked') await this.list();
      const before = this.#cache;
      // A list decrypting while this write commits may read either side of it: it must not cache.
      this.#generation++;
      this.#writing = true;
      const result = await job(vault).catch(
        (error: unknown): Result<T> => ({
          ok: false,
          error: toFailure(error),
        }),
      );
      this.#generation++;
      this.#cache = result.ok && patchCache && before ? patchCache(before, result.value) : undefined;
      this.#writing = false;
      if (result.ok && this.#cache) this.#rememberSoon(vault);
      if (result.ok && change) this.#emit(change(result.value));
      return result;
    };
    const next = this.#queue.then(run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * After a burst of writes, once: the vault keeps the list as one snapshot for the next cold open
   * (see `../vault/snapshot.ts`). Only while no write is between its commit and the cache update.
   */
  #rememberSoon(vault: Vault): void {
    if (this.#snapshotDue) return;
    this.#snapshotDue = true;
    setTimeout(() => {
      this.#snapshotDue = false;
      const listing = this.#cache;
      if (listing && !this.#writing) void vault.rememberList(listing.accounts, listing.damaged);
    });
  }

  #emit(change: StoreChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('Tweestap: a store listener failed', error);
      }
    }
  }
}
