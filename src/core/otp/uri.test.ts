import { URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../account';
import {
  formatOtpauthUri,
  MAX_URI_LENGTH,
  OTP_ERROR_CODES,
  type OtpErrorCode,
  OtpUriError,
  parseOtpauthUri,
} from './index';

const S = 'JBSWY3DPEHPK3PXP';
const totp = (path: string, query = '') => `otpauth://totp/${path}?secret=${S}${query}`;

function errorOf(fn: () => unknown): OtpUriError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OtpUriError) return error;
    throw error;
  }
  throw new Error('expected an OtpUriError');
}

describe('parseOtpauthUri: a complete link', () => {
  it("reads Google's own example exactly", () => {
    expect(
      parseOtpauthUri(
        'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
      ),
    ).toEqual({
      type: 'totp',
      issuer: 'ACME Co',
      label: 'john.doe@email.com',
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });

  it('fills the defaults', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${S}`)).toEqual({
      type: 'totp',
      issuer: '',
      label: 'alice',
      secret: S,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });
});

describe('issuer and label', () => {
  it.each([
    ['label prefix only', totp('ACME:alice'), 'ACME', 'alice'],
    ['parameter only', totp('alice', '&issuer=ACME'), 'ACME', 'alice'],
    ['both, equal', totp('ACME:alice', '&issuer=ACME'), 'ACME', 'alice'],
    ['both, differing: the parameter wins', totp('Old:alice', '&issuer=New'), 'New', 'alice'],
    ['empty parameter: the label wins', totp('ACME:alice', '&issuer='), 'ACME', 'alice'],
    ['encoded colon', totp('ACME%3Aalice'), 'ACME', 'alice'],
    ['encoded colon, lower case', totp('ACME%3aalice'), 'ACME', 'alice'],
    ['literal spaces after the colon', totp('ACME:   alice'), 'ACME', 'alice'],
    ['spaces after an encoded colon', totp('ACME%3A alice'), 'ACME', 'alice'],
    ['encoded spaces are data', totp('ACME%20Co:john%20doe'), 'ACME Co', 'john doe'],
    ['account with a colon', totp('ACME:a:b'), 'ACME', 'a:b'],
    ['issuer with an encoded colon', totp('Foo%3ABar:alice', '&issuer=Foo%3ABar'), 'Foo:Bar', 'alice'],
    ['leading colon: no issuer', totp(':a%3Ab'), '', 'a:b'],
    ['no issuer', totp('alice'), '', 'alice'],
    ['empty label', totp(''), '', ''],
    ['issuer only', totp('', '&issuer=ACME'), 'ACME', ''],
    ['no path at all', `otpauth://totp?secret=${S}&issuer=ACME`, 'ACME', ''],
    ['UTF-8 escapes', totp('%C3%89cole:%E2%9C%93%20ok'), 'École', '✓ ok'],
    ['raw unicode', totp('Ünï:😀'), 'Ünï', '😀'],
    ['+ in a query value is a space', totp('x', '&issuer=Example+Co'), 'Example Co', 'x'],
    ['+ in the path is a plus', totp('C++:x'), 'C++', 'x'],
    ['%2B is a plus', totp('x', '&issuer=C%2B%2B'), 'C++', 'x'],
    ['escaped specials', totp('a%26b%3Fc%23d%25:e%2Ff'), 'a&b?c#d%', 'e/f'],
    ['a fragment is not part of the issuer', totp('x', '&issuer=ACME#frag'), 'ACME', 'x'],
    ['first duplicate wins', totp('x', '&issuer=First&issuer=Second'), 'First', 'x'],
  ])('%s', (_name, uri, issuer, label) => {
    const account = parseOtpauthUri(uri);
    expect([account.issuer, account.label]).toEqual([issuer, label]);
  });
});

describe('scheme, type and parameters', () => {
  it.each<[string, string, Partial<OtpAccount>]>([
    ['upper-case scheme and type', `OTPAUTH://TOTP/x?secret=${S}`, { type: 'totp' }],
    ['mixed-case type', `otpauth://Hotp/x?secret=${S}&counter=3`, { type: 'hotp', counter: 3 }],
    ['surrounding whitespace', `\n  otpauth://totp/x?secret=${S}  \r\n`, { secret: S }],
    ['upper-case parameter names', `otpauth://totp/x?SECRET=${S}&Digits=8`, { digits: 8 }],
    ['lower-case secret', totp('x').replace(S, S.toLowerCase()), { secret: S }],
    ['secret with %20 spaces', `otpauth://totp/x?secret=JBSW%20Y3DP%20EHPK%203PXP`, { secret: S }],
    ['secret with + spaces and hyphens', `otpauth://totp/x?secret=JBSW+Y3DP-EHPK-3PXP`, { secret: S }],
    ['secret with padding', `otpauth://totp/x?secret=MZXW6===`, { secret: 'MZXW6' }],
    ['secret with encoded padding', `otpauth://totp/x?secret=MZXW6%3D%3D%3D`, { secret: 'MZXW6' }],
    ['sha256', totp('x', '&algorithm=sha256'), { algorithm: 'SHA256' }],
    ['SHA-512', totp('x', '&algorithm=SHA-512'), { algorithm: 'SHA512' }],
    ['HMAC-SHA1', totp('x', '&algorithm=HMAC-SHA1'), { algorithm: 'SHA1' }],
    ['empty algorithm is the default', totp('x', '&algorithm='), { algorithm: 'SHA1' }],
    ['7 digits', totp('x', '&digits=7'), { digits: 7 }],
    ['8 digits', totp('x', '&digits=8'), { digits: 8 }],
    ['period 1', totp('x', '&period=1'), { period: 1 }],
    ['period 90', totp('x', '&period=90'), { period: 90 }],
    ['huge period', totp('x', `&period=${Number.MAX_SAFE_INTEGER}`), { period: Number.MAX_SAFE_INTEGER }],
    ['HOTP counter kept', `otpauth://hotp/x?secret=${S}&counter=42`, { type: 'hotp', counter: 42 }],
    ['HOTP counter defaults to 0', `otpauth://hotp/x?secret=${S}`, { type: 'hotp', counter: 0 }],
    [
      'HOTP counter up to MAX_SAFE_INTEGER',
      `otpauth://hotp/x?secret=${S}&counter=${Number.MAX_SAFE_INTEGER}`,
      { counter: Number.MAX_SAFE_INTEGER },
    ],
    ['TOTP ignores a broken counter', totp('x', '&counter=oops'), { type: 'totp', counter: 0 }],
    ['HOTP ignores a broken period', `otpauth://hotp/x?secret=${S}&period=0`, { type: 'hotp', period: 30 }],
    ['unknown parameters are ignored', totp('x', '&image=https%3A%2F%2Fx&foo=%ZZ&bare'), { type: 'totp' }],
  ])('%s', (_name, uri, expected) => {
    expect(parseOtpauthUri(uri)).toMatchObject(expected);
  });
});

describe('Steam', () => {
  const steam = { type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };

  it.each([
    ['steam://SECRET', `steam://${S}`, { ...steam, issuer: 'Steam', label: '', secret: S }],
    ['steam:// in lower case with spaces', 'STEAM://jbsw y3dp ehpk 3pxp', { ...steam, secret: S }],
    [
      'encoder=steam with any issuer',
      totp('Valve:gaben', '&issuer=Valve&encoder=steam'),
      { ...steam, issuer: 'Valve' },
    ],
    ['issuer Steam', totp('Steam:alice', '&issuer=Steam'), { ...steam, issuer: 'Steam', label: 'alice' }],
    ['issuer steam in the label', totp('steam:alice'), { ...steam, issuer: 'steam' }],
    ['issuer Steam with digits=5', totp('Steam:alice', '&digits=5'), steam],
    ['otpauth://steam/', `otpauth://steam/Steam:alice?secret=${S}`, { ...steam, label: 'alice' }],
    ['fixed parameters win', totp('x', '&encoder=steam&algorithm=SHA512&digits=8&period=60'), steam],
  ])('%s', (_name, uri, expected) => {
    expect(parseOtpauthUri(uri)).toMatchObject(expected);
  });

  it.each([
    ['issuer Steam asking for 6 digits', totp('Steam:alice', '&issuer=Steam&digits=6'), 'totp'],
    ['HOTP with issuer Steam', `otpauth://hotp/Steam:alice?secret=${S}&issuer=Steam`, 'hotp'],
    ['issuer merely containing Steam', totp('Steampunk:alice'), 'totp'],
  ])('%s stays %s', (_name, uri, type) => {
    expect(parseOtpauthUri(uri).type).toBe(type);
  });
});

// Every code has at least one representative input; the exhaustiveness check below fails when a
// code is added without one.
const REFUSED: [OtpErrorCode, string][] = [
  ['not-otpauth', ''],
  ['not-otpauth', 'https://example.com/?secret=JBSWY3DPEHPK3PXP'],
  ['not-otpauth', 'JBSWY3DPEHPK3PXP'],
  ['not-otpauth', 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU'],
  ['bad-uri', `otpauth:/totp/x?secret=${S}`],
  ['bad-uri', `otpauth:totp/x?secret=${S}`],
  ['bad-uri', `steam:${S}`],
  ['bad-uri', `steam://${S}%G1`],
  ['bad-uri', `otpauth://totp/x?secret=${S}&issuer=%E0%A4%A`],
  ['bad-uri', `otpauth://totp/x?secret=%ZZ`],
  ['bad-uri', `otpauth://totp/x?secret=${S}&issuer=${'a'.repeat(MAX_URI_LENGTH)}`],
  ['bad-type', `otpauth://motp/x?secret=${S}`],
  ['bad-type', `otpauth:///x?secret=${S}`],
  ['bad-type', `otpauth://totpx/x?secret=${S}`],
  ['missing-secret', 'otpauth://totp/x'],
  ['missing-secret', 'otpauth://totp/x?issuer=ACME'],
  ['missing-secret', 'otpauth://totp/x?secret='],
  ['missing-secret', 'otpauth://totp/x?secret=%20%20'],
  ['missing-secret', 'otpauth://totp/x?secret=----'],
  ['missing-secret', 'steam://'],
  ['bad-base32', 'otpauth://totp/x?secret=JBSWY3DP1HPK3PXP'],
  ['bad-base32', 'otpauth://totp/x?secret=A'],
  ['bad-base32', 'otpauth://totp/x?secret=AB%3DCD'],
  ['bad-base32', 'steam://ABC!'],
  ['unsupported-algorithm', totp('x', '&algorithm=MD5')],
  ['unsupported-algorithm', totp('x', '&algorithm=SHA224')],
  ['unsupported-algorithm', `otpauth://hotp/x?secret=${S}&algorithm=SHA3-256`],
  ['bad-digits', totp('x', '&digits=5')],
  ['bad-digits', totp('x', '&digits=9')],
  ['bad-digits', totp('x', '&digits=six')],
  ['bad-digits', totp('x', '&digits=6.0')],
  ['bad-digits', totp('x', '&digits=-6')],
  ['bad-digits', totp('x', `&digits=${'6'.repeat(400)}`)],
  ['bad-period', totp('x', '&period=0')],
  ['bad-period', totp('x', '&period=-30')],
  ['bad-period', totp('x', '&period=1.5')],
  ['bad-period', totp('x', '&period=30s')],
  ['bad-period', totp('x', '&period=9007199254740992')],
  ['bad-counter', `otpauth://hotp/x?secret=${S}&counter=-1`],
  ['bad-counter', `otpauth://hotp/x?secret=${S}&counter=1.5`],
  ['bad-counter', `otpauth://hotp/x?secret=${S}&counter=1e3`],
  ['bad-counter', `otpauth://hotp/x?secret=${S}&counter=9007199254740992`],
  ['bad-label', totp('%E0%A4%A:alice')],
  ['bad-label', totp('ACME:%FF')],
  ['bad-label', totp('ACME:%ED%A0%80')],
  ['bad-label', totp('\uD800:alice')],
  ['bad-label', totp('x', '&issuer=\uDC00')],
];

describe('refused links', () => {
  it.each(REFUSED)('%s: %j', (code, uri) => {
    const error = errorOf(() => parseOtpauthUri(uri));
    expect(error.code).toBe(code);
    expect(error.name).toBe('OtpUriError');
    expect(error).toBeInstanceOf(Error);
    // A sentence for people, not a dump of the input.
    expect(error.message).toMatch(/^[A-Z].*\.$/s);
    expect(error.message.length).toBeLessThan(300);
  });

  it('has a representative input for every error code', () => {
    expect(new Set(REFUSED.map(([code]) => code))).toEqual(new Set(OTP_ERROR_CODES));
  });

  it('names the first bad base32 character and its position inside the secret', () => {
    const error = errorOf(() => parseOtpauthUri('otpauth://totp/x?secret=JBSW%20Y3D1'));
    expect(error.message).toContain('"1"');
    expect(error.message).toContain('position 9');
  });

  it('refuses non-strings with a typed error', () => {
    for (const value of [undefined, null, 42, {}, ['otpauth://totp/x?secret=AB']]) {
      expect(errorOf(() => parseOtpauthUri(value as unknown as string)).code).toBe('not-otpauth');
    }
  });

  it('refuses a multi-megabyte input by its length, before decoding any of it', () => {
    // Checked by what it says, not by a stopwatch: the length rule answers before any percent-decoding.
    const huge = errorOf(() => parseOtpauthUri(`otpauth://totp/${'%'.repeat(5_000_000)}`));
    expect(huge.code).toBe('bad-uri');
    expect(huge.message).toMatch(/far too long/);
    expect(errorOf(() => parseOtpauthUri('x'.repeat(5_000_000))).code).toBe('not-otpauth');
  });
});

describe('formatOtpauthUri', () => {
  const base: OtpAccount = {
    type: 'totp',
    issuer: 'ACME Co',
    label: 'john.doe@email.com',
    secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };

  it.each<[string, OtpAccount, string]>([
    [
      'TOTP',
      base,
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    ],
    [
      'HOTP',
      { ...base, type: 'hotp', issuer: '', label: 'bob', algorithm: 'SHA256', digits: 8, counter: 7 },
      'otpauth://hotp/bob?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&algorithm=SHA256&digits=8&counter=7',
    ],
    [
      'Steam',
      { ...base, type: 'steam', issuer: 'Steam', label: 'gaben', digits: 5 },
      'otpauth://totp/Steam:gaben?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam',
    ],
    [
      'issuer and account with colons',
      { ...base, issuer: 'a:b', label: 'c:d' },
      'otpauth://totp/a%3Ab:c%3Ad?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=a%3Ab&algorithm=SHA1&digits=6&period=30',
    ],
    [
      'no issuer, account with a colon',
      { ...base, issuer: '', label: 'c:d' },
      'otpauth://totp/:c%3Ad?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&algorithm=SHA1&digits=6&period=30',
    ],
    [
      'canonical secret, reserved characters',
      { ...base, issuer: 'R&D #1', label: '100% ?', secret: 'hxdm vjec jjws rb3h wizr 4ifu gftm xboz====' },
      'otpauth://totp/R%26D%20%231:100%25%20%3F?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=R%26D%20%231&algorithm=SHA1&digits=6&period=30',
    ],
  ])('%s', (_name, account, uri) => {
    expect(formatOtpauthUri(account)).toBe(uri);
    expect(parseOtpauthUri(uri)).toEqual({ ...account, secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' });
  });

  it('is read the same by the otpauth library, for plain names', () => {
    const hotp: OtpAccount = { ...base, type: 'hotp', algorithm: 'SHA512', digits: 7, counter: 99 };
    for (const account of [base, hotp]) {
      const parsed = URI.parse(formatOtpauthUri(account));
      expect(parsed.issuer).toBe(account.issuer);
      expect(parsed.label).toBe(account.label);
      expect(parsed.secret.base32).toBe(account.secret);
      expect(parsed.algorithm).toBe(account.algorithm);
      expect(parsed.digits).toBe(account.digits);
      expect('period' in parsed ? parsed.period : parsed.counter).toBe(
        account.type === 'totp' ? account.period : account.counter,
      );
    }
  });

  it.each<[OtpErrorCode, Partial<OtpAccount>]>([
    ['bad-label', { label: 'a\uD800' }],
    ['bad-label', { issuer: 'x'.repeat(MAX_URI_LENGTH) }],
    ['bad-base32', { secret: 'NOT BASE32!' }],
    ['missing-secret', { secret: '' }],
    ['bad-digits', { digits: 10 }],
    ['bad-digits', { type: 'steam', digits: 6 }],
    ['bad-period', { period: 0 }],
    ['bad-period', { period: 2.5 }],
    ['bad-counter', { counter: -1 }],
    ['bad-counter', { counter: Number.MAX_SAFE_INTEGER + 1 }],
    ['unsupported-algorithm', { algorithm: 'MD5' as OtpAccount['algorithm'] }],
    ['bad-type', { type: 'motp' as OtpAccount['type'] }],
  ])('refuses an invalid account with %s', (code, overrides) => {
    expect(errorOf(() => formatOtpauthUri({ ...base, ...overrides })).code).toBe(code);
  });
});
