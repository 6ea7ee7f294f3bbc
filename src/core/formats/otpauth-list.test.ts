import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountArb } from '../../../tests/support/otp-arbitraries';
import { normalizeAccount } from '../otp';
import { otpauthList, parseOtpauthList } from './otpauth-list';

const SEED = Number(process.env.LIST_FUZZ_SEED ?? 4226);

describe('otpauth list', () => {
  it('writes one link per line and reads the same accounts back', () => {
    fc.assert(
      fc.property(fc.array(accountArb, { maxLength: 20 }), (accounts) => {
        const text = otpauthList(accounts);
        expect(text.split('\n')).toHaveLength(accounts.length + 1);
        if (accounts.length > 0) expect(text.endsWith('\n')).toBe(true);
        const back = parseOtpauthList(text);
        expect(back.failed).toEqual([]);
        expect(back.accounts).toEqual(accounts.map(normalizeAccount));
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it('skips blank lines and comments, and reports bad lines by their number', () => {
    const text = [
      '# exported by some app',
      '',
      'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME',
      '   ',
      'otpauth://totp/ACME:bob?secret=0000',
      '\totpauth://hotp/Mail:carol?secret=JBSWY3DPEHPK3PXP&counter=3  ',
      'hello',
      '  # indented comment',
      'otpauth://totp/NoSecret:dave',
    ].join('\r\n');
    const result = parseOtpauthList(`\uFEFF${text}`);
    expect(result.accounts.map((a) => [a.issuer, a.label, a.type, a.counter])).toEqual([
      ['ACME', 'alice', 'totp', 0],
      ['Mail', 'carol', 'hotp', 3],
    ]);
    expect(result.failed.map((f) => f.line)).toEqual([5, 7, 9]);
    for (const f of result.failed) expect(f.error).toMatch(/^[A-Z]/);
  });

  it('gives an empty file for no accounts and reads nothing from it', () => {
    expect(otpauthList([])).toBe('');
    expect(parseOtpauthList('')).toEqual({ accounts: [], failed: [] });
  });
});
