import * as v from 'valibot';
import type { StoredAccount } from '../../core/account';
import type { MergePatch } from '../../core/import-merge';
import { NEW_ACCOUNT, PASSWORD } from '../schemas';
import { message } from '../spec';

/** A backup also carries each account's place and age. */
const IMPORTED_ACCOUNT = v.object({
  ...NEW_ACCOUNT.entries,
  order: v.optional(v.number()),
  createdAt: v.optional(v.number()),
});
const IMPORTED = v.pipe(v.array(IMPORTED_ACCOUNT), v.maxLength(100_000));

/** How one imported account compares with what is stored (the duplicate rule: same secret and type). */
export type ImportStatus = 'new' | 'same' | 'changed';

/** What a merge can bring into a stored account; everything else stays as the user has it. */
export type MergedField = keyof MergePatch;

export interface ImportPreviewEntry {
  status: ImportStatus;
  /** The stored account it matches, for `same` and `changed` (none for a repeat of a new one). */
  existingId?: string;
  /** For `changed`: what the import adds to the stored account. */
  merges?: MergedField[];
}

export interface ImportOutcome {
  added: number;
  /** `changed` accounts: what the import held and the stored one lacked was merged in. */
  merged: number;
  /** `same` accounts: nothing to do. */
  unchanged: number;
}

/**
 * Taking accounts out (backup, otpauth list, transfer QR) and bringing them in (restore, import).
 * Only our own pages may ask; the ways out are guarded by `exportAccounts` (encrypted) and
 * `exportPlain`, the ways in by `importAccounts`.
 */
export const backupMessages = {
  /** The encrypted backup of every account, as the file's text. */
  'backup.create': message<{ fileName: string; text: string; count: number }>()({
    from: 'extension-page',
    policy: 'exportAccounts',
    request: v.object({ password: PASSWORD }),
  }),
  /** The accounts (all, or these ids in this order) for a plain export: otpauth list, transfer QR. */
  'backup.export': message<{ accounts: StoredAccount[] }>()({
    from: 'extension-page',
    policy: 'exportPlain',
    request: v.object({ ids: v.optional(v.pipe(v.array(v.string()), v.maxLength(100_000))) }),
  }),
  /** One entry per account, in order: new, already there, or there with differences. */
  'import.preview': message<{ entries: ImportPreviewEntry[] }>()({
    from: 'extension-page',
    policy: 'importAccounts',
    request: v.object({ accounts: IMPORTED }),
  }),
  /** Adds the new accounts and merges the changed ones, in one vault transaction: all or nothing. */
  'import.commit': message<ImportOutcome>()({
    from: 'extension-page',
    policy: 'importAccounts',
    request: v.object({ accounts: IMPORTED }),
  }),
};
