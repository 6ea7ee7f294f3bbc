import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OtpAccount } from '../account';
import {
  generateCode,
  OtpUriError,
  parseOtpauthUri,
  STEAM_ALPHABET,
  secondsRemaining,
  timeStep,
} from './index';

const account = (overrides: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer: 'Example',
  label: 'alice',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...overrides,
});

// The published numbers themselves, so the vectors are checked even without ../shared.
// RFC 4226 Appendix D: secret "12345678901234567890", 6 digits, counters 0-9.
const RFC4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

// RFC 6238 Appendix B: 8 digits, X = 30, T0 = 0. The seeds differ per algorithm (the ASCII
// digits repeated to 20, 32 and 64 bytes), as the RFC's Appendix A code does; its prose only
// names the 20-byte one, a known erratum.
const RFC6238_SEEDS = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512:
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
} as const;
const RFC6238: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 4226 Appendix D (HOTP), hard-coded', () => {
  it.each(RFC4226.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(generateCode(account({ type: 'hotp', counter }))).toBe(code);
  });
});

describe('RFC 6238 Appendix B (TOTP), hard-coded', () => {
  const rows = RFC6238.flatMap(([time, sha1, sha256, sha512]) => [
    ['SHA1', time, sha1] as const,
    ['SHA256', time, sha256] as const,
    ['SHA512', time, sha512] as const,
  ]);
  it.each(rows)('%s at %i → %s', (algorithm, time, code) => {
    const totp = account({ algorithm, digits: 8, secret: RFC6238_SEEDS[algorithm] });
    expect(generateCode(totp, time * 1000)).toBe(code);
  });

  it('covers all 28 published codes', () => {
    expect(RFC4226.length + rows.length).toBe(28);
  });
});

describe('Steam Guard', () => {
  // Recorded from the Steam mobile app with a throw-away account by the KeePassXC developers:
  // https://github.com/keepassxreboot/keepassxc/blob/420c364bf7bb28268bdf423d22191653747a559d/tests/TestTotp.cpp
  const steam = parseOtpauthUri(
    'otpauth://totp/test:test@example.com?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Valve&encoder=steam',
  );

  it.each([
    [1511200518, 'FR8RV'],
    [1511200714, '9P3VP'],
  ])('at %i the Steam app showed %s', (time, code) => {
    expect(steam.type).toBe('steam');
    expect(generateCode(steam, time * 1000)).toBe(code);
  });

  it('uses five symbols from the Steam alphabet and changes every 30 s', () => {
    expect(STEAM_ALPHABET).toBe('23456789BCDFGHJKMNPQRTVWXY');
    const seen = new Set<string>();
    for (let step = 0; step < 200; step++) {
      const code = generateCode(steam, step * 30_000 + 29_999);
      expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
      expect(generateCode(steam, step * 30_000)).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBeGreaterThan(190);
  });
});

describe('generateCode details', () => {
  it('TOTP changes exactly on the step boundary, and oathtool-style whole seconds count', () => {
    const totp = account({ digits: 8 });
    expect(generateCode(totp, 59_999)).toBe('94287082');
    expect(generateCode(totp, 60_000)).not.toBe('94287082');
    expect(generateCode(totp, 29_999)).not.toBe('94287082');
  });

  it('honours non-default periods', () => {
    // With a 60 s period, time 119 s is step 1, the same step as RFC 6238's 59 s with 30 s.
    expect(generateCode(account({ digits: 8, period: 60 }), 119_000)).toBe('94287082');
    expect(timeStep(60, 119_999)).toBe(1);
    expect(timeStep(1, 20_000_000_000_000)).toBe(20_000_000_000);
  });

  it('defaults to the current time', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_111_111_109_000);
    expect(generateCode(account({ digits: 8 }))).toBe('07081804');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('HOTP uses the account counter, however large', () => {
    expect(generateCode(account({ type: 'hotp', counter: 9 }), 0)).toBe('520489');
    expect(generateCode(account({ type: 'hotp', counter: Number.MAX_SAFE_INTEGER }))).toMatch(/^\d{6}$/);
  });

  it('accepts a secret in any form normalizeBase32Secret does', () => {
    const messy = account({ type: 'hotp', secret: 'gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====' });
    expect(generateCode(messy)).toBe('755224');
  });

  it('refuses invalid accounts with typed errors and bad times with RangeError', () => {
    expect(() => generateCode(account({ digits: 9 }))).toThrow(OtpUriError);
    expect(() => generateCode(account({ secret: '' }))).toThrow(OtpUriError);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 8.7e15]) {
      expect(() => generateCode(account(), bad)).toThrow(RangeError);
    }
  });
});

describe('secondsRemaining', () => {
  it('counts down from the period to 1', () => {
    const totp = account();
    expect(secondsRemaining(totp, 0)).toBe(30);
    expect(secondsRemaining(totp, 999)).toBe(30);
    expect(secondsRemaining(totp, 1_000)).toBe(29);
    expect(secondsRemaining(totp, 29_999)).toBe(1);
    expect(secondsRemaining(totp, 30_000)).toBe(30);
    expect(secondsRemaining(account({ period: 90 }), 100_500)).toBe(80);
  });

  it('agrees with the moment the code changes', () => {
    const totp = account({ period: 45 });
    for (const t of [0, 12_345, 44_999, 1_700_000_000_123]) {
      const left = secondsRemaining(totp, t);
      const code = generateCode(totp, t);
      expect(generateCode(totp, (Math.floor(t / 1000) + left - 1) * 1000)).toBe(code);
      expect(generateCode(totp, (Math.floor(t / 1000) + left) * 1000)).not.toBe(code);
    }
  });

  it('is infinite for HOTP, whose codes do not expire', () => {
    expect(secondsRemaining(account({ type: 'hotp' }), 5_000)).toBe(Number.POSITIVE_INFINITY);
  });
});
