import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, csvHeader, parseCsv } from './csv.ts';

/** Test-only writer: quotes every field that needs it, as RFC 4180 says. */
const writeCsv = (rows: string[][], eol: string) =>
  rows
    .map((row) => row.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(','))
    .join(eol) + eol;

describe('parseCsv', () => {
  it('reads plain, quoted and empty fields', () => {
    expect(parseCsv('a,b,c\n1,,"x, y"\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', 'x, y'],
    ]);
  });

  it('keeps line breaks and doubled quotes inside quotes, and takes CRLF, LF and CR as record ends', () => {
    expect(parseCsv('"a\r\nb","say ""hi"""\r\nc\rd\ne')).toEqual([
      ['a\r\nb', 'say "hi"'],
      ['c'],
      ['d'],
      ['e'],
    ]);
  });

  it('drops a BOM and adds no record for the last line break', () => {
    expect(parseCsv('\uFEFFx,y\n')).toEqual([['x', 'y']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,\n')).toEqual([['a', '']]);
  });

  it('refuses a quote that is never closed', () => {
    expect(() => parseCsv('a,"b\nc')).toThrow(CsvError);
  });

  it('reads back whatever a careful writer wrote', () => {
    const field = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') });
    const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(rows, fc.constantFrom('\n', '\r\n'), (written, eol) => {
        expect(parseCsv(writeCsv(written, eol))).toEqual(written);
      }),
    );
  });

  it('gives the header of the first line without reading the rest', () => {
    expect(csvHeader('name,"login_totp"\n"unclosed')).toEqual(['name', 'login_totp']);
    expect(csvHeader('"unclosed,header')).toEqual([]);
  });
});
