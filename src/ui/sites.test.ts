import { describe, expect, it } from 'vitest';
import { parseRecoveryCodes } from './recovery';
import { parseSites } from './sites';

describe('parseSites', () => {
  it('keeps origins and bare domains, one per line', () => {
    expect(parseSites('school.nl\nhttps://login.school.nl/inloggen?x=1\n\n  Mail.School.NL  ')).toEqual({
      sites: ['school.nl', 'https://login.school.nl', 'mail.school.nl'],
      invalid: [],
    });
  });

  it('reports lines that are not web addresses and drops duplicates', () => {
    expect(parseSites('school.nl\nschool.nl\nnot a site\nftp://x.nl\nhallo')).toEqual({
      sites: ['school.nl'],
      invalid: ['not a site', 'ftp://x.nl', 'hallo'],
    });
  });

  it('keeps ports on origins and accepts localhost', () => {
    expect(parseSites('http://localhost:8080\nlocalhost').sites).toEqual([
      'http://localhost:8080',
      'localhost',
    ]);
  });
});

describe('parseRecoveryCodes', () => {
  it('splits on lines, spaces, commas and semicolons', () => {
    expect(parseRecoveryCodes('aaaa-1111\nbbbb-2222, cccc-3333;dddd-4444  eeee').map((c) => c.code)).toEqual([
      'aaaa-1111',
      'bbbb-2222',
      'cccc-3333',
      'dddd-4444',
      'eeee',
    ]);
  });

  it('skips codes already there and repeats', () => {
    const added = parseRecoveryCodes('x y x z', [{ code: 'y', used: true }]);
    expect(added).toEqual([
      { code: 'x', used: false },
      { code: 'z', used: false },
    ]);
  });
});
