import { OTP_ERROR_CODES } from './otp/errors';

/** What the vault can refuse; the vault re-exports these, the list lives here with all the others. */
export const VAULT_ERROR_CODES = [
  /** No data key in memory: unlock first. */
  'locked',
  /** Password did not open the password slot. `retryAfterMs` says when the next try is allowed. */
  'wrong-password',
  /** The authenticator's PRF answer did not open its key slot (another credential, a changed slot). */
  'wrong-authenticator',
  /** Too many wrong passwords in a row; the attempt was not evaluated. See `retryAfterMs`. */
  'throttled',
  /** Authentication failed on a record, slot or key check (edited, corrupted or moved); see `id`. */
  'tampered',
  /** The record changed since the caller read it. `revision` holds the stored revision. */
  'stale-revision',
  'not-found',
  /** restore() of an id that is still present. */
  'already-exists',
  /** removePassword() on a vault without a password. */
  'no-password',
  /** A password exists: the device key cannot unlock, and changing it needs the current one. */
  'password-required',
  /** Session key bytes do not match this vault's data key. */
  'bad-session-key',
  'invalid-input',
  /** IndexedDB refused or failed the operation (quota, closed connection, version change…). */
  'storage-failed',
] as const;

/**
 * The one list of error codes that core, background and UI share. The UI turns a code into a
 * translated message (`error_<code with - as _>` in _locales), so adding a code means adding both strings.
 */
export const ERROR_CODES = [
  ...OTP_ERROR_CODES,
  ...VAULT_ERROR_CODES,
  // adding accounts
  'duplicate',
  'capture-forbidden',
  'no-qr',
  'image-unreadable',
  // backups (src/core/formats/backup.ts)
  /** The file is not a Tweestap backup at all. */
  'backup-not-a-backup',
  /** It starts like one but ends too early (an interrupted download or copy). */
  'backup-truncated',
  /** Made by a newer Tweestap, in a format version this one cannot read. */
  'backup-newer',
  /** Complete, but bytes were changed: the checksum or the encryption's tag does not match. */
  'backup-damaged',
  /** The file is intact, and the password does not open it. */
  'backup-wrong-password',
  // sync (src/background/sync.ts)
  /** The sync passphrase does not open the synced data; nothing was changed. */
  'sync-wrong-passphrase',
  /** Another computer changed the sync passphrase: this one needs the new one. */
  'sync-passphrase-changed',
  /** The browser refused to store the synced data (its quota or write limit). */
  'sync-storage-failed',
  /** Sync is not turned on here. */
  'sync-off',
  // protocol
  'forbidden-sender',
  'unknown-message',
  'bad-request',
  'policy-forbidden',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProtocolError {
  code: ErrorCode;
  /** English detail for logs; the UI shows the translated message for `code`. */
  message?: string;
  /** For `throttled`: how long until the next try is allowed. */
  retryAfterMs?: number;
  /** The record the failure is about (`tampered`, `not-found`, `stale-revision`). */
  id?: string;
  /** For `stale-revision`: the revision now stored. */
  revision?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, extra: Omit<ProtocolError, 'code'> = {}): Result<never> => ({
  ok: false,
  error: { code, ...extra },
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
