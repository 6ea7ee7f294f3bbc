import fc from 'fast-check';
import { Secret } from 'otpauth';
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

  it('skips blank lines, comments and prose, and reports bad links by their line number', () => {
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
    expect(result.failed.map((f) => [f.line, f.code, f.name])).toEqual([
      [5, 'bad-base32', 'ACME (bob)'],
      [9, 'missing-secret', 'NoSecret (dave)'],
    ]);
    for (const f of result.failed) expect(f.error).toMatch(/^[A-Z]/);
  });

  it('finds links anywhere in a line: CSV, Markdown, an e-mail, prose', () => {
    const text = [
      'name,link,notes',
      'Mail,otpauth://totp/Mail:ann?secret=JBSWY3DPEHPK3PXP&issuer=Mail,work account',
      'Bank;otpauth://totp/Bank:bo?secret=KRUGS4ZANFZSAYJA;privé',
      '- [GitHub](otpauth://totp/GitHub:cy?secret=MZXW6YTBOI&issuer=GitHub%20(EU))',
      'Your key: <otpauth://hotp/Shop:di?secret=JBSWY3DPEHPK3PXP&amp;counter=4&amp;issuer=Shop>.',
      'Scan otpauth://totp/A:eve?secret=JBSWY3DPEHPK3PXP. Then otpauth://totp/B:fay?secret=KRUGS4ZANFZSAYJA!',
      '| Wiki | "otpauth://totp/Wiki:gus?secret=0000" |',
      "In code: link = 'otpauth://totp/Hal:hal?secret=JBSWY3DPEHPK3PXP'; and otpauth://totp/O'Brien:ian?secret=MZXW6YTBOI",
      'Just a sentence mentioning otpauth-migration://offline?data=AAAA and nothing else.',
    ].join('\n');
    const result = parseOtpauthList(text);
    expect(result.accounts.map((a) => [a.issuer, a.label, a.secret, a.type, a.counter])).toEqual([
      ['Mail', 'ann', 'JBSWY3DPEHPK3PXP', 'totp', 0],
      ['Bank', 'bo', 'KRUGS4ZANFZSAYJA', 'totp', 0],
      ['GitHub (EU)', 'cy', 'MZXW6YTBOI', 'totp', 0],
      ['Shop', 'di', 'JBSWY3DPEHPK3PXP', 'hotp', 4],
      ['A', 'eve', 'JBSWY3DPEHPK3PXP', 'totp', 0],
      ['B', 'fay', 'KRUGS4ZANFZSAYJA', 'totp', 0],
      ['Hal', 'hal', 'JBSWY3DPEHPK3PXP', 'totp', 0],
      ["O'Brien", 'ian', 'MZXW6YTBOI', 'totp', 0],
    ]);
    expect(result.failed.map((f) => [f.line, f.code])).toEqual([[7, 'bad-base32']]);
  });

  it('reads a hex key as the Authenticator extension writes it, and keeps Aegis steam links', () => {
    const hex = '2c52e8fcfac34091da63ef7b118f1cc50b925a42';
    const result = parseOtpauthList(
      [
        `otpauth://hotp/Ext:hex?secret=${hex}&counter=2`,
        'otpauth://totp/Odd?secret=abcd1234a',
        'otpauth://steam/Steam:gabe?secret=JBSWY3DPEHPK3PXP&issuer=Steam',
        'steam://JBSWY3DPEHPK3PXP',
      ].join('\n'),
    );
    expect(result.failed).toEqual([]);
    const [hotp, odd, steam, bitwarden] = result.accounts;
    expect(hotp).toMatchObject({ type: 'hotp', counter: 2, secret: Secret.fromHex(hex).base32 });
    // An odd length gains a '0', as the extension pads it.
    expect(odd?.secret).toBe(Secret.fromHex('abcd1234a0').base32);
    expect(steam).toMatchObject({ type: 'steam', issuer: 'Steam', label: 'gabe', digits: 5 });
    expect(bitwarden).toMatchObject({ type: 'steam', secret: 'JBSWY3DPEHPK3PXP' });
  });

  it('reads a label with raw spaces, but never two links as one', () => {
    const result = parseOtpauthList(
      [
        'otpauth://totp/My Bank:ann lee?secret=JBSWY3DPEHPK3PXP&issuer=My Bank',
        'otpauth://totp/Mail:dan?secret=JBSWY3DP thanks',
        '- otpauth://totp/Shop:bo?secret=KRUGS4ZANFZSAYJA thanks, and is this ok?',
        'otpauth://totp/a otpauth://totp/B:cy?secret=MZXW6YTBOI',
      ].join('\n'),
    );
    expect(result.accounts.map((a) => [a.issuer, a.label, a.secret])).toEqual([
      ['My Bank', 'ann lee', 'JBSWY3DPEHPK3PXP'],
      ['Mail', 'dan', 'JBSWY3DP'],
      ['Shop', 'bo', 'KRUGS4ZANFZSAYJA'],
      ['B', 'cy', 'MZXW6YTBOI'],
    ]);
    expect(result.failed.map((f) => [f.line, f.code])).toEqual([[4, 'missing-secret']]);
  });

  it('reports a damaged otpauth: line even without the two slashes', () => {
    const result = parseOtpauthList(
      'otpauth:/totp/x?secret=JBSWY3DPEHPK3PXP\notpauth://yandex/y?secret=JBSWY3DP',
    );
    expect(result.failed.map((f) => [f.line, f.code])).toEqual([
      [1, 'bad-uri'],
      [2, 'bad-type'],
    ]);
  });

  it('stays total on hostile lines (long runs of brackets and dots)', () => {
    const lines = [
      `otpauth://totp/x?secret=${')'.repeat(200_000)}`,
      `otpauth://totp/x?secret=JBSWY3DP${'.'.repeat(200_000)}x`,
      'otpauth://'.repeat(20_000),
    ];
    const result = parseOtpauthList(lines.join('\n'));
    expect(result.accounts).toEqual([]);
    expect(result.failed.length).toBeGreaterThan(2);
  });

  it('gives an empty file for no accounts and reads nothing from it', () => {
    expect(otpauthList([])).toBe('');
    expect(parseOtpauthList('')).toEqual({ accounts: [], failed: [] });
  });
});
