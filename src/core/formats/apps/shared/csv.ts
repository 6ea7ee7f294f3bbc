/**
 * RFC 4180 CSV, as password managers export it: comma-separated, fields in double quotes when they
 * hold a comma, a quote ("" inside) or a line break, lines ending in CRLF, LF or CR. One pass, no
 * backtracking, so a hostile file costs time linear in its length.
 */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Every record as its fields. A trailing line break adds no empty record; a BOM is dropped. */
export function parseCsv(input: string): string[][] {
  const text = input.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"') {
      // A quote opens a quoted stretch anywhere; strict RFC allows it only at a field's start, but
      // refusing `a"b"` would lose an entry over a cosmetic detail.
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      endRecord();
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += char;
    }
    i++;
  }
  if (quoted) throw new CsvError('A quoted field is not closed: the file is cut off or damaged.');
  if (field !== '' || row.length > 0) endRecord();
  return rows;
}

/** The first line's fields, for cheap detection (quoted headers with line breaks are not expected). */
export function csvHeader(input: string): string[] {
  // A header is a few hundred characters; looking further would make detection cost a whole file.
  const text = input.slice(0, 4096).replace(/^\uFEFF/, '');
  const end = text.search(/[\r\n]/);
  const line = end < 0 ? text : text.slice(0, end);
  try {
    return parseCsv(line)[0] ?? [];
  } catch {
    return [];
  }
}
