/**
 * Vault error codes and the result shape returned across the background ↔ UI boundary.
 *
 * Results are plain values (no Error instances) so they survive structured cloning through
 * extension messaging unchanged. The codes themselves live in the shared list in `src/core/errors.ts`.
 */
import { VAULT_ERROR_CODES } from '../core/errors';

export { VAULT_ERROR_CODES };

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
