/**
 * fast-check generators shared by the property tests. Test-only: nothing outside *.test.ts
 * imports this file, so it never reaches the extension bundle.
 */
import fc from 'fast-check';
import { Secret } from 'otpauth';
import type { OtpAccount } from '../../src/core/account';
import { isWellFormedText } from '../../src/core/otp/validate';

/** Characters that mean something in a URI or a label, and escapes that look like them. */
const SPECIALS = [
  ':',
  ' ',
  '&',
  '?',
  '#',
  '%',
  '=',
  '+',
  '/',
  '@',
  ';',
  '%3A',
  '%20',
  '%25',
  '%zz',
  '-',
  '.',
];

/** One UTF-16 unit of anything, lone surrogates included, which 'binary' leaves out. */
const anyUnit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
);

export const anyText = (maxLength = 40) => fc.string({ unit: anyUnit, maxLength });

/** Issuer and account names: unicode, colons, spaces, reserved characters, edge whitespace. */
export const nameArb = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'Steam', 'steam', ' Steam', 'ACME Co', 'a:b', ' lead', 'trail '),
  },
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...SPECIALS),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''))
      .filter(isWellFormedText),
  },
);

/** Canonical secrets: encoded random bytes, or random base32 characters of any length ≥ 2. */
export const secretArb = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => new Secret({ buffer: bytes.buffer }).base32),
  fc.stringMatching(/^[A-Z2-7]{2,40}$/),
);

const safeInt = (min: number) =>
  fc.oneof(
    fc.constantFrom(min, 30, 60, Number.MAX_SAFE_INTEGER),
    fc.integer({ min, max: 1000 }),
    fc.integer({ min, max: Number.MAX_SAFE_INTEGER }),
  );

export const accountArb: fc.Arbitrary<OtpAccount> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp', 'steam'),
    issuer: nameArb,
    label: nameArb,
    secret: secretArb,
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.oneof(fc.constantFrom(15, 30, 60, 90), safeInt(1)),
    counter: fc.oneof(fc.constant(0), safeInt(0)),
  })
  .map((a): OtpAccount => (a.type === 'steam' ? { ...a, algorithm: 'SHA1', digits: 5, period: 30 } : a));
