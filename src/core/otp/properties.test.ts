import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountArb, anyText } from '../../../tests/support/otp-arbitraries';
import type { OtpAccount } from '../account';
import {
  formatOtpauthUri,
  generateCode,
  OTP_ERROR_CODES,
  type OtpErrorCode,
  OtpUriError,
  parseOtpauthUri,
  validateAccount,
} from './index';

const ACCOUNT_KEYS = ['algorithm', 'counter', 'digits', 'issuer', 'label', 'period', 'secret', 'type'];
// Fixed so a failure reproduces; set OTP_FUZZ_SEED to explore other inputs.
const SEED = Number(process.env.OTP_FUZZ_SEED ?? 6238);

/** What the fuzzers saw, so the last test can prove they ran and reached both outcomes. */
const tally = { inputs: 0, accounts: 0, codes: new Set<OtpErrorCode>() };

/**
 * The parser's whole contract for arbitrary input: a typed error with a known code, or an account
 * that validates, makes codes, and survives format → parse unchanged.
 */
function checkParse(input: string): void {
  tally.inputs++;
  let account: OtpAccount;
  try {
    account = parseOtpauthUri(input);
  } catch (error) {
    if (!(error instanceof OtpUriError)) {
      throw new Error(`${String(error)} escaped for input ${JSON.stringify(input)}`);
    }
    expect(OTP_ERROR_CODES).toContain(error.code);
    expect(error.message).toMatch(/^[A-Z]/);
    tally.codes.add(error.code);
    return;
  }
  tally.accounts++;
  expect(Object.keys(account).sort()).toEqual(ACCOUNT_KEYS);
  validateAccount(account);
  expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
  expect(generateCode(account, 1_700_000_000_000)).toHaveLength(account.digits);
}

const PREFIXES = [
  '',
  'otpauth://',
  'otpauth://totp/',
  'otpauth://hotp/',
  'OTPAUTH://TOTP/x?secret=',
  'steam://',
];
const PARAM_NAMES = [
  'secret',
  'issuer',
  'algorithm',
  'digits',
  'period',
  'counter',
  'encoder',
  'SECRET',
  'image',
];
const PARAM_VALUES = [
  '',
  '0',
  '1',
  '5',
  '6',
  '8',
  '9',
  '-1',
  '1.5',
  '30',
  '1e3',
  '9007199254740991',
  '9007199254740992',
  'SHA1',
  'sha-256',
  'SHA512',
  'MD5',
  'steam',
  'Steam',
  '%',
  '%ZZ',
  '%E0%A4',
  'JBSWY3DPEHPK3PXP',
  'jbsw%20y3dp',
  'A',
  '====',
  '+',
  '\uD800',
];
const PIECES = [
  ':',
  '%',
  '%3A',
  '%2',
  '%ZZ',
  '%E0%A4',
  '&',
  '?',
  '#',
  '=',
  '/',
  ' ',
  '+',
  '-',
  '0',
  '1',
  'a',
];

const paramValue = fc.oneof(fc.constantFrom(...PARAM_VALUES), anyText(8), fc.nat().map(String));
const piece = fc.oneof(fc.constantFrom(...PIECES, '\uD800', '\uDC00', '😀', '\u0000'), anyText(3));

type Mutation =
  | { kind: 'delete' | 'truncate' | 'upper'; at: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'replace' | 'insert'; at: number; text: string }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'set'; name: string; value: string }
  | { kind: 'drop'; name: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'truncate', 'upper'), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate'), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constantFrom('replace', 'insert'), at: fc.nat(), text: piece }),
  fc.record({ kind: fc.constant('swap'), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('set'), name: fc.constantFrom(...PARAM_NAMES), value: paramValue }),
  fc.record({ kind: fc.constant('drop'), name: fc.constantFrom(...PARAM_NAMES) }),
);

function mutate(uri: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (uri.length + 1) : 0;
  const q = uri.indexOf('?');
  const head = q < 0 ? uri : uri.slice(0, q);
  const params = q < 0 ? [] : uri.slice(q + 1).split('&');
  switch (m.kind) {
    case 'delete':
      return uri.slice(0, at) + uri.slice(at + 1);
    case 'truncate':
      return uri.slice(0, at);
    case 'upper':
      return uri.slice(0, at) + uri.slice(at).toUpperCase();
    case 'duplicate':
      return uri.slice(0, at + m.length) + uri.slice(at);
    case 'replace':
      return uri.slice(0, at) + m.text + uri.slice(at + 1);
    case 'insert':
      return uri.slice(0, at) + m.text + uri.slice(at);
    case 'swap': {
      const i = m.a % Math.max(params.length, 1);
      const j = m.b % Math.max(params.length, 1);
      [params[i], params[j]] = [params[j]!, params[i]!];
      return `${head}?${params.join('&')}`;
    }
    case 'set':
      return `${head}?${[...params.filter((p) => !p.toLowerCase().startsWith(`${m.name.toLowerCase()}=`)), `${m.name}=${m.value}`].join('&')}`;
    case 'drop':
      return `${head}?${params.filter((p) => !p.toLowerCase().startsWith(`${m.name.toLowerCase()}=`)).join('&')}`;
  }
}

describe('parser fuzzing (fast-check, fixed seed)', () => {
  it('random ASCII strings, control characters included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 300 }), checkParse), {
      numRuns: 2000,
      seed: SEED,
    });
  });

  it('random unicode with lone surrogates, bare and behind link prefixes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), anyText(120), (prefix, rest) => checkParse(prefix + rest)),
      { numRuns: 2500, seed: SEED },
    );
  });

  it('valid links with 1 to 6 mutations (drop, duplicate, replace, swap, random parameter values)', () => {
    fc.assert(
      fc.property(accountArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (account, mutations) =>
        checkParse(mutations.reduce(mutate, formatOtpauthUri(account))),
      ),
      { numRuns: 4000, seed: SEED },
    );
  });

  it('links assembled from random parameters', () => {
    const param = fc
      .tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), anyText(4)), paramValue)
      .map(([k, v]) => `${k}=${v}`);
    fc.assert(
      fc.property(
        fc.constantFrom(
          'otpauth://totp/',
          'otpauth://hotp/',
          'otpauth://steam/',
          'otpauth://TOTP/',
          'steam://',
        ),
        anyText(12),
        fc.array(param, { maxLength: 8 }),
        (start, label, params) => checkParse(`${start}${label}?${params.join('&')}`),
      ),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('huge inputs', () => {
    for (const input of [
      'otpauth://totp/x?secret='.padEnd(1_000_000, 'A'),
      `otpauth://totp/${'%'.repeat(60_000)}?secret=AAAA`,
      `otpauth://totp/${'%3A'.repeat(20_000)}?secret=AAAA`,
      `otpauth://totp/x?${'&'.repeat(65_000)}secret=AAAA`,
      `otpauth://totp/x?secret=${'A'.repeat(65_000)}`,
      `otpauth://totp/x?secret=AAAA&issuer=${'\uD800'.repeat(60_000)}`,
      '\uDC00'.repeat(3_000_000),
      ` ${'\n'.repeat(1_000_000)}otpauth://totp/x?secret=AAAA`,
    ]) {
      checkParse(input);
    }
  });

  it('ran at least 10,000 inputs and reached both outcomes', () => {
    expect(tally.inputs).toBeGreaterThanOrEqual(10_000);
    // Guards against a fuzzer that only ever produces garbage, or a parser that accepts everything.
    expect(tally.accounts).toBeGreaterThan(500);
    expect(tally.inputs - tally.accounts).toBeGreaterThan(5000);
    expect(tally.codes).toEqual(new Set(OTP_ERROR_CODES));
  });
});

describe('round trip', () => {
  it('parse(format(account)) deep-equals any valid account', () => {
    fc.assert(
      fc.property(accountArb, (account) => {
        validateAccount(account);
        expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
});
