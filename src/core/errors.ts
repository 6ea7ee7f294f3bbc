/**
 * The one list of error codes that core, background and UI share. The UI turns a code into a
 * translated message (`error_<code with - as _>` in _locales), so adding a code means adding both strings.
 */
export const ERROR_CODES = [
  // otpauth links and setup keys
  'not-otpauth',
  'bad-uri',
  'bad-type',
  'missing-secret',
  'bad-base32',
  'unsupported-algorithm',
  'bad-digits',
  'bad-period',
  'bad-counter',
  'bad-label',
  // vault
  'locked',
  'wrong-password',
  'throttled',
  'tampered',
  'stale-revision',
  'not-found',
  'no-password',
  'password-required',
  'storage-failed',
  'duplicate',
  'already-exists',
  'bad-session-key',
  'invalid-input',
  // scanning
  'capture-forbidden',
  'no-qr',
  'image-unreadable',
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
