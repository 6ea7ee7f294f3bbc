import type { OtpAccount } from '../account';

/**
 * Things about an account that are allowed but probably wrong or weak. They never stop a save: the
 * server already decided on these values, and refusing them would only lock the person out.
 */
export type AccountWarning = 'long-period' | 'short-secret';

/** A code that lives longer than a day is more likely a typo (seconds meant as minutes) than a design. */
export const MAX_USUAL_PERIOD = 86_400;

/**
 * RFC 4226 §4 (R6) requires at least 128 bits and recommends 160. Real services still hand out
 * 80-bit keys (10 bytes), so 80 is where we start to warn rather than at the RFC's bar.
 */
export const MIN_USUAL_SECRET_BYTES = 10;

/** Bytes a canonical base32 secret decodes to; leftover bits of a partial group are dropped. */
export const secretBytes = (secret: string): number => Math.floor((secret.length * 5) / 8);

/** `secret` in canonical base32 (as `normalizeBase32Secret` returns it). */
export function accountWarnings(account: Pick<OtpAccount, 'type' | 'secret' | 'period'>): AccountWarning[] {
  const warnings: AccountWarning[] = [];
  // HOTP counts events, not time, so its period means nothing.
  if (account.type !== 'hotp' && account.period > MAX_USUAL_PERIOD) warnings.push('long-period');
  if (secretBytes(account.secret) < MIN_USUAL_SECRET_BYTES) warnings.push('short-secret');
  return warnings;
}
