import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountArb } from '../../../tests/support/otp-arbitraries';
import type { OtpAccount } from '../account';
import { normalizeBase32Secret } from './base32';
import { parseOtpauthUri } from './uri';
import { validateAccount } from './validate';
import { accountWarnings, secretBytes } from './warnings';

/** 20 bytes, the size RFC 4226 recommends. */
const GOOD_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const totp = (extra: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer: 'ACME',
  label: 'alice',
  secret: GOOD_SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...extra,
});

describe('accountWarnings: fixed cases', () => {
  it('has nothing to say about an ordinary account', () => {
    expect(accountWarnings(totp())).toEqual([]);
  });

  it('warns about a period of more than one day, not of exactly one day', () => {
    expect(accountWarnings(totp({ period: 86_400 }))).toEqual([]);
    expect(accountWarnings(totp({ period: 86_401 }))).toEqual(['long-period']);
  });

  it('ignores the period of HOTP, which counts events, not time', () => {
    expect(accountWarnings(totp({ type: 'hotp', period: 1_000_000 }))).toEqual([]);
  });

  it('warns about a secret under 80 bits (10 bytes), not at 80', () => {
    expect(secretBytes('JBSWY3DPEHPK3PXP')).toBe(10);
    expect(accountWarnings(totp({ secret: 'JBSWY3DPEHPK3PXP' }))).toEqual([]);
    // 15 characters hold 75 bits: 9 whole bytes.
    expect(accountWarnings(totp({ secret: 'JBSWY3DPEHPK3PX' }))).toEqual(['short-secret']);
    expect(accountWarnings(totp({ secret: 'JBSWY3DP' }))).toEqual(['short-secret']);
  });

  it('gives both warnings at once, and still lets the account be saved', () => {
    const account = parseOtpauthUri('otpauth://totp/ACME:alice?secret=JBSWY3DP&period=172800');
    expect(accountWarnings(account)).toEqual(['long-period', 'short-secret']);
    expect(() => validateAccount(account)).not.toThrow();
  });
});

describe('accountWarnings: properties (fast-check)', () => {
  it('warns exactly when the period passes a day (not HOTP) or the key is under 10 bytes', () => {
    fc.assert(
      fc.property(accountArb, (account) => {
        const warnings = accountWarnings(account);
        const bits = normalizeBase32Secret(account.secret).length * 5;
        expect(warnings.includes('short-secret')).toBe(bits < 80);
        expect(warnings.includes('long-period')).toBe(account.type !== 'hotp' && account.period > 86_400);
      }),
    );
  });
});
