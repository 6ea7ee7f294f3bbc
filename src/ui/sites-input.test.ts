import { describe, expect, it } from 'vitest';
import { parseSites } from './sites-input';

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
