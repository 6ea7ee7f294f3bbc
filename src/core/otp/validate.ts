import type { OtpAccount, OtpAlgorithm, OtpType } from '../account';
import { normalizeBase32Secret } from './base32';
import { OtpUriError } from './errors';

export const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam'];
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;

/**
 * Steam Guard is RFC 6238 with fixed parameters and a different last step (see `generate.ts`),
 * so a Steam account carries exactly these values whatever its link said.
 */
export const STEAM_PARAMS = { algorithm: 'SHA1', digits: 5, period: 30 } as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A lone surrogate cannot be percent-encoded (UTF-8 has no form for it), so it would break links. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * Checks an account from any source (a parsed link, an import, storage) before codes are made
 * from it or it is saved. The secret may be in any form `normalizeBase32Secret` accepts; use
 * `normalizeAccount` to get the canonical form the vault stores.
 */
export function validateAccount(account: OtpAccount): void {
  if (typeof account !== 'object' || account === null) {
    throw new OtpUriError('bad-uri', 'This is not an account.');
  }
  if (!OTP_TYPES.includes(account.type)) {
    throw new OtpUriError('bad-type', 'The account type must be TOTP, HOTP or Steam.');
  }
  normalizeBase32Secret(account.secret);
  for (const [name, text] of [
    ['issuer', account.issuer],
    ['account name', account.label],
  ] as const) {
    if (typeof text !== 'string' || !isWellFormedText(text)) {
      throw new OtpUriError('bad-label', `The ${name} is not readable text.`);
    }
  }
  if (!OTP_ALGORITHMS.includes(account.algorithm)) {
    throw new OtpUriError('unsupported-algorithm', 'The algorithm must be SHA1, SHA256 or SHA512.');
  }
  if (account.type === 'steam') {
    if (account.algorithm !== STEAM_PARAMS.algorithm) {
      throw new OtpUriError('unsupported-algorithm', 'Steam Guard codes always use SHA1.');
    }
    if (account.digits !== STEAM_PARAMS.digits) {
      throw new OtpUriError('bad-digits', 'Steam Guard codes always have 5 characters.');
    }
    if (account.period !== STEAM_PARAMS.period) {
      throw new OtpUriError('bad-period', 'Steam Guard codes always change every 30 seconds.');
    }
  } else if (
    !Number.isInteger(account.digits) ||
    account.digits < MIN_DIGITS ||
    account.digits > MAX_DIGITS
  ) {
    throw new OtpUriError('bad-digits', `Codes must have ${MIN_DIGITS}, 7 or ${MAX_DIGITS} digits.`);
  }
  if (!Number.isSafeInteger(account.period) || account.period < 1) {
    throw new OtpUriError('bad-period', 'The period must be a whole number of seconds, at least 1.');
  }
  // Kept on every type so a link round-trips, though only HOTP uses it.
  if (!Number.isSafeInteger(account.counter) || account.counter < 0) {
    throw new OtpUriError('bad-counter', 'The counter must be a whole number, 0 or more.');
  }
}

/** A validated copy with the secret in canonical form and nothing but the account fields. */
export function normalizeAccount(account: OtpAccount): OtpAccount {
  validateAccount(account);
  return {
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    secret: normalizeBase32Secret(account.secret),
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
  };
}
