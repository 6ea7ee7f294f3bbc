/**
 * Vault error codes and the result shape returned across the background ↔ UI boundary.
 *
 * Results are plain values (no Error instances) so they survive structured cloning through
 * extension messaging unchanged. These codes are meant to be merged into the shared list later.
 */
export const VAULT_ERROR_CODES = [
  /** No data key in memory: unlock first. */
  'locked',
  /** Password did not open the password slot. `retryAfterMs` says when the next try is allowed. */
  'wrong-password',
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

export type VaultErrorCode = (typeof VAULT_ERROR_CODES)[number];

export interface VaultFailure {
  code: VaultErrorCode;
  message: string;
  /** Record id the failure is about (tampered, not-found, stale-revision…). */
  id?: string;
  /** For wrong-password / throttled: milliseconds until another attempt is accepted. */
  retryAfterMs?: number;
  /** For stale-revision: the revision currently stored. */
  revision?: number;
}

export type VaultResult<T> = { ok: true; value: T } | { ok: false; error: VaultFailure };

/** Thrown inside the vault and converted to a `VaultFailure` at the public boundary. */
export class VaultError extends Error {
  readonly failure: VaultFailure;

  constructor(code: VaultErrorCode, message: string, extra: Omit<VaultFailure, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'VaultError';
    this.failure = { code, message, ...extra };
  }

  get code(): VaultErrorCode {
    return this.failure.code;
  }
}

export function toFailure(error: unknown): VaultFailure {
  if (error instanceof VaultError) return { ...error.failure };
  // Everything else comes from IndexedDB or the runtime; the message helps bug reports, the code
  // tells the UI it is not the user's fault.
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'storage-failed', message: `${name}: ${message}` };
}
