/**
 * Every way an otpauth link, setup key or account can be refused. The codes are stable: the UI
 * translates by code and the vault stores nothing else, so never rename one. They are a subset of
 * the shared `ERROR_CODES` in `src/core/errors.ts` (a test checks that).
 */
export const OTP_ERROR_CODES = [
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
] as const;

export type OtpErrorCode = (typeof OTP_ERROR_CODES)[number];

export class OtpUriError extends Error {
  override readonly name = 'OtpUriError';
  readonly code: OtpErrorCode;
  /** For `bad-base32`: 0-based index (in code points) of the first bad character in the secret. */
  readonly position: number | undefined;

  constructor(code: OtpErrorCode, message: string, options: { position?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.position = options.position;
  }
}

export function isOtpUriError(value: unknown): value is OtpUriError {
  return value instanceof OtpUriError;
}

/**
 * Quotes a piece of untrusted input for an error message: short, and with invisible or broken
 * characters spelled out, so a message never carries a lone surrogate or a control character.
 */
export function describeInput(text: string, max = 32): string {
  let out = '';
  let count = 0;
  for (const char of text) {
    if (count === max) return `"${out}…"`;
    out += describeChar(char);
    count++;
  }
  return `"${out}"`;
}

export function describeChar(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  const invisible = cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || (cp >= 0xd800 && cp <= 0xdfff);
  return invisible ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : char;
}
