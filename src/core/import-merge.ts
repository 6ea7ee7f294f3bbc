/**
 * What an import does with each account it brings: add it, leave it, or merge it into the stored one
 * with the same secret and type (the duplicate rule). The merge only ever adds: nothing the user has
 * stored (a site, a recovery code, a note, a name, a used mark) is lost or overwritten.
 */
import type { AccountPatch, NewAccount, RecoveryCode, StoredAccount } from './account';

/** The fields the merge reads from the stored account (`StoredAccount` has them all). */
export type MergeTarget = Pick<
  StoredAccount,
  'id' | 'revision' | 'type' | 'secret' | 'issuer' | 'label' | 'counter' | 'sites' | 'notes' | 'recoveryCodes'
>;

/** What a merge may change; the OTP parameters, the pin and the place in the list stay the user's. */
export type MergePatch = Pick<
  AccountPatch,
  'issuer' | 'label' | 'notes' | 'sites' | 'recoveryCodes' | 'counter'
>;

export type ImportStep =
  | { status: 'new' }
  /** Nothing to do: stored already holds all of it, or the file repeats an earlier account. */
  | { status: 'same'; existingId?: string }
  | { status: 'changed'; existingId: string; revision: number; patch: MergePatch };

export interface ImportPlan {
  steps: ImportStep[];
  /** The accounts to add, in file order. */
  adds: NewAccount[];
  /** The patches for stored accounts, each stored account at most once. */
  updates: { id: string; revision: number; patch: MergePatch }[];
}

const isBlank = (text: string) => text.trim() === '';

function unionSites(stored: readonly string[], incoming: readonly string[]): string[] {
  const seen = new Set(stored);
  const added = incoming.filter((site) => {
    if (seen.has(site)) return false;
    seen.add(site);
    return true;
  });
  return [...stored, ...added];
}

/** Codes are matched by their text; a code used on either side stays used (it cannot work again). */
function unionCodes(stored: readonly RecoveryCode[], incoming: readonly RecoveryCode[]): RecoveryCode[] {
  const usedElsewhere = new Set(incoming.filter((entry) => entry.used).map((entry) => entry.code));
  const merged = stored.map((entry) =>
    !entry.used && usedElsewhere.has(entry.code) ? { ...entry, used: true } : entry,
  );
  const known = new Set(stored.map((entry) => entry.code));
  for (const entry of incoming) {
    if (known.has(entry.code)) continue;
    known.add(entry.code);
    merged.push({ code: entry.code, used: entry.used });
  }
  return merged;
}

const sameCodes = (a: readonly RecoveryCode[], b: readonly RecoveryCode[]) =>
  a.length === b.length && a.every((entry, i) => entry.code === b[i]!.code && entry.used === b[i]!.used);

/**
 * The patch that brings into `stored` what `incoming` has and it lacks, or undefined when it lacks
 * nothing. Names and notes are taken only where the stored one is empty.
 */
export function mergePatch(stored: MergeTarget, incoming: NewAccount): MergePatch | undefined {
  const patch: MergePatch = {};
  if (isBlank(stored.issuer) && !isBlank(incoming.issuer)) patch.issuer = incoming.issuer;
  if (isBlank(stored.label) && !isBlank(incoming.label)) patch.label = incoming.label;
  const notes = incoming.notes ?? '';
  if (isBlank(stored.notes) && !isBlank(notes)) patch.notes = notes;
  const sites = unionSites(stored.sites, incoming.sites ?? []);
  if (sites.length !== stored.sites.length) patch.sites = sites;
  const codes = unionCodes(stored.recoveryCodes, incoming.recoveryCodes ?? []);
  if (!sameCodes(codes, stored.recoveryCodes)) patch.recoveryCodes = codes;
  // A counter only moves forward: a lower one would show codes the site already refused.
  if (stored.type === 'hotp' && incoming.counter > stored.counter) patch.counter = incoming.counter;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** The duplicate rule, handed in by its owner (`sameSecret` in src/vault/account-store.ts). */
export type SameAccount = (
  a: Pick<NewAccount, 'secret' | 'type'>,
  b: Pick<NewAccount, 'secret' | 'type'>,
) => boolean;

/**
 * One step per incoming account, in order. An account the file repeats (same secret and type as an
 * earlier one in it) is `same`: the first one counts. New accounts are added in file order after
 * the stored ones, so their `order` from the file is dropped; their age (`createdAt`) is kept.
 */
export function planImport(
  stored: readonly MergeTarget[],
  incoming: readonly NewAccount[],
  sameSecret: SameAccount,
): ImportPlan {
  const steps: ImportStep[] = [];
  const adds: NewAccount[] = [];
  const updates: ImportPlan['updates'] = [];
  const seen: NewAccount[] = [];
  for (const account of incoming) {
    const existing = stored.find((candidate) => sameSecret(candidate, account));
    if (seen.some((earlier) => sameSecret(earlier, account))) {
      steps.push(existing ? { status: 'same', existingId: existing.id } : { status: 'same' });
      continue;
    }
    seen.push(account);
    if (!existing) {
      const { order: _order, ...rest } = account;
      adds.push(rest);
      steps.push({ status: 'new' });
      continue;
    }
    const patch = mergePatch(existing, account);
    if (!patch) {
      steps.push({ status: 'same', existingId: existing.id });
      continue;
    }
    updates.push({ id: existing.id, revision: existing.revision, patch });
    steps.push({ status: 'changed', existingId: existing.id, revision: existing.revision, patch });
  }
  return { steps, adds, updates };
}
