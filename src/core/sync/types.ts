/**
 * What sync carries between a user's own computers (issue 17). Pure types: the packing
 * (`pack.ts`), the merge (`merge.ts`) and the worker's sync service all speak them.
 */
import type { OtpAccount, RecoveryCode } from '../account.ts';

/** A computer, as sync knows it: 8 lower-case hex characters, random, made once per vault. */
export type DeviceId = string;

/**
 * Per account: how many changes each computer has made to it. One version supersedes another when
 * it has seen every change the other has (≥ on every computer); otherwise the two are concurrent.
 */
export type VersionVector = Record<DeviceId, number>;

/** The fields that travel. Order and pinning stay with each computer. */
export interface SyncedAccount extends OtpAccount {
  sites: string[];
  /** Absent: it did not fit in the sync space, and a receiver keeps its own. */
  notes?: string;
  /** Absent: as notes. */
  recoveryCodes?: RecoveryCode[];
  /** Seconds since the epoch (whole seconds keep the packing small). */
  updatedAt: number;
}

/** One account in the sync data: its current version, or its tombstone. */
export interface SyncEntry {
  /** 12 lower-case hex characters (6 random bytes), the same on every computer. */
  syncId: string;
  vv: VersionVector;
  /** Absent: deleted. */
  account?: SyncedAccount;
  /** Seconds since the epoch, on tombstones: when to prune it. */
  deletedAt?: number;
}
