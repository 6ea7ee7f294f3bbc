import { HOTP, Secret } from 'otpauth/bare';
import type { OtpAccount } from '../account';
import { normalizeBase32Secret } from './base32';
import { OtpUriError } from './errors';
import { otpHmac } from './hmac';
import { validateAccount } from './validate';

/** Steam Guard's 26 symbols: digits and consonants that cannot be misread or spell words. */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** ECMAScript's largest time value (±8.64e15 ms); keeps every time step a safe integer. */
const MAX_TIME_MS = 8.64e15;

function checkTime(timeMs: number): void {
  // A bad clock value is a bug in the caller, not bad user input, hence not an OtpUriError.
  if (typeof timeMs !== 'number' || !Number.isFinite(timeMs) || timeMs < 0 || timeMs > MAX_TIME_MS) {
    throw new RangeError(`Time must be milliseconds since 1970 (0 to ${MAX_TIME_MS}), got ${String(timeMs)}`);
  }
}

/**
 * RFC 6238 §4.2: T = floor((Unix time - T0) / X) with T0 = 0. Done on whole seconds first, as
 * oathtool and the RFC's reference code do; integer division of safe integers cannot round up
 * across a step boundary, unlike dividing the milliseconds by 1000 * period.
 */
export function timeStep(period: number, timeMs: number): number {
  checkTime(timeMs);
  return Math.floor(Math.floor(timeMs / 1000) / period);
}

/**
 * The code shown for an account: TOTP at `timeMs` (RFC 6238), HOTP at `account.counter`
 * (RFC 4226; the caller advances the counter after use), Steam Guard at `timeMs`.
 * https://www.rfc-editor.org/rfc/rfc4226 https://www.rfc-editor.org/rfc/rfc6238
 */
export function generateCode(account: OtpAccount, timeMs: number = Date.now()): string {
  validateAccount(account);
  const secret = Secret.fromBase32(normalizeBase32Secret(account.secret));
  switch (account.type) {
    case 'hotp':
      return HOTP.generate({
        secret,
        algorithm: account.algorithm,
        digits: account.digits,
        counter: account.counter,
        hmac: otpHmac,
      });
    case 'totp':
      return HOTP.generate({
        secret,
        algorithm: account.algorithm,
        digits: account.digits,
        counter: timeStep(account.period, timeMs),
        hmac: otpHmac,
      });
    case 'steam':
      return steamCode(secret, timeStep(account.period, timeMs));
  }
}

/**
 * Steam Guard takes RFC 4226's 31-bit dynamic truncation (§5.3) and writes it in base 26, least
 * significant symbol first, instead of reducing it modulo 10^digits. otpauth does not expose that
 * value, but asking for 10 digits returns it whole: it is below 2^31 < 10^10, so the modulo is a no-op.
 */
function steamCode(secret: Secret, counter: number): string {
  let value = Number(HOTP.generate({ secret, algorithm: 'SHA1', digits: 10, counter, hmac: otpHmac }));
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/**
 * Whole seconds until a time-based code changes, from `period` down to 1, for countdowns.
 * HOTP codes never expire with time, hence Infinity.
 */
export function secondsRemaining(account: OtpAccount, timeMs: number = Date.now()): number {
  checkTime(timeMs);
  if (account.type === 'hotp') return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(account.period) || account.period < 1) {
    throw new OtpUriError('bad-period', 'The period must be a whole number of seconds, at least 1.');
  }
  return account.period - (Math.floor(timeMs / 1000) % account.period);
}
