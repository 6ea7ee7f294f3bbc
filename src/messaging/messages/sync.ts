import * as v from 'valibot';
import { EMPTY, PASSWORD } from '../schemas';
import { message } from '../spec';

/** An account as Settings names it in sync's reports: never its secret. */
export interface SyncAccountName {
  syncId: string;
  issuer: string;
  label: string;
}

/** Both sides of an account two computers changed at once, for the user to choose. */
export interface SyncConflict {
  syncId: string;
  here: { issuer: string; label: string; updatedAt: number };
  there: { issuer: string; label: string; updatedAt: number };
}

export type SyncStatus =
  /** An organisation turned sync off (`disableSync`). */
  | { state: 'forbidden' }
  | { state: 'locked' }
  /** Off, and no synced data from another computer in sight. */
  | { state: 'off' }
  /** Off here, and another computer's synced data is in this browser's sync: "Unlock sync". */
  | { state: 'found' }
  /** On here, but another computer changed the passphrase: the new one is needed. */
  | { state: 'passphrase-changed' }
  | {
      state: 'on';
      /** Accounts in the synced data. */
      synced: number;
      usedBytes: number;
      quotaBytes: number;
      /** Left out: the space is full. Nothing is dropped silently. */
      notSynced: SyncAccountName[];
      /** Synced without their notes and recovery codes, which did not fit. */
      slimmed: SyncAccountName[];
      /** Parts of the synced data that did not open (damaged, or sealed under another passphrase). */
      damagedParts: number;
      conflicts: SyncConflict[];
      lastSyncAt?: number;
      /** The browser refused the last write (its quota or write rate); it is tried again. */
      writeFailed?: boolean;
    };

const PASSPHRASE = v.pipe(PASSWORD, v.minLength(1));

/** Sync between the user's own computers through the browser's sync (issue 17). Our pages only. */
export const syncMessages = {
  'sync.status': message<SyncStatus>()({ from: 'extension-page', request: EMPTY }),
  /**
   * Turn sync on with a new passphrase, or join the synced data another computer made. `startOver`:
   * the passphrase of the synced data is forgotten, so this computer's accounts replace it.
   */
  'sync.enable': message<SyncStatus>()({
    from: 'extension-page',
    policy: 'sync',
    request: v.object({ passphrase: PASSPHRASE, startOver: v.optional(v.boolean()) }),
  }),
  /** Everything re-encrypted under a new passphrase, in one write. */
  'sync.changePassphrase': message<SyncStatus>()({
    from: 'extension-page',
    policy: 'sync',
    request: v.object({ passphrase: PASSPHRASE }),
  }),
  /** Stop syncing on this computer; its accounts stay, and so does the synced data for the others. */
  'sync.disable': message<SyncStatus>()({ from: 'extension-page', request: EMPTY }),
  'sync.resolve': message<SyncStatus>()({
    from: 'extension-page',
    policy: 'sync',
    request: v.object({
      syncId: v.pipe(v.string(), v.regex(/^[0-9a-f]{12}$/)),
      keep: v.picklist(['here', 'there']),
    }),
  }),
  'sync.now': message<SyncStatus>()({ from: 'extension-page', policy: 'sync', request: EMPTY }),
};
