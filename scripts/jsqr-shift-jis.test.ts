import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { replaceShiftJisTable } from './jsqr-shift-jis';

const require = createRequire(import.meta.url);
const JSQR_PATH = require.resolve('jsqr/dist/jsQR.js');
const toSJIS = require('qrcode/helper/to-sjis') as (text: string) => number;
const original = readFileSync(JSQR_PATH, 'utf8');

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** Runs jsQR's UMD bundle as CommonJS, as Vite's bundle does. */
function load(code: string): { decode: Decode; table: Record<number, number | undefined> } {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', code)(module, module.exports);
  const decode = (module.exports.default ?? module.exports) as Decode;
  // The table's module is not exported; run its body alone to read it.
  const start = code.indexOf('exports.shiftJISTable = ');
  const end = code.indexOf('\n\n\n/***/ })', start);
  const tableModule = { shiftJISTable: {} };
  new Function('exports', code.slice(start, end))(tableModule);
  return { decode, table: tableModule.shiftJISTable };
}

function kanjiQr(text: string): { data: Uint8ClampedArray; size: number } {
  const qr = QRCode.create([{ data: text, mode: 'kanji' }], {
    toSJISFunc: toSJIS,
    errorCorrectionLevel: 'M',
  });
  const scale = 4;
  const quiet = 4;
  const size = (qr.modules.size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const inside = mx >= 0 && my >= 0 && mx < qr.modules.size && my < qr.modules.size;
      if (inside && qr.modules.get(my, mx)) data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { data, size };
}

describe('jsQR without its Shift_JIS table', () => {
  const patched = replaceShiftJisTable(original);
  const before = load(original);
  const after = load(patched);

  it('is much smaller and keeps the rest of jsQR as it was', () => {
    expect(original.length - patched.length).toBeGreaterThan(100_000);
    expect(patched.startsWith(original.slice(0, original.indexOf('exports.shiftJISTable')))).toBe(true);
  });

  it('decodes a Kanji-mode code to the same text as jsQR itself', () => {
    const text = '二段階認証の漢字テスト';
    const { data, size } = kanjiQr(text);
    expect(before.decode(data, size, size)?.data).toBe(text);
    expect(after.decode(data, size, size)?.data).toBe(text);
  });

  it("maps every two-byte code as jsQR's table, but for the seven the WHATWG decoder writes full width", () => {
    const differ: string[] = [];
    for (const [key, value] of Object.entries(before.table)) {
      const code = Number(key);
      // jsQR asks only for two-byte codes (Kanji mode starts at 0x8140).
      if (code < 0x8140) continue;
      if (after.table[code] !== value) differ.push(code.toString(16));
    }
    expect(differ).toEqual(['815f', '8160', '8161', '817c', '8191', '8192', '81ca']);
    expect(after.table[0x815f]).toBe(0xff3c);
  });

  it('answers undefined, as the table did, for a code Shift_JIS does not have', () => {
    expect(before.table[0x81ad]).toBeUndefined();
    expect(after.table[0x81ad]).toBeUndefined();
    expect(after.table[0x20]).toBeUndefined();
  });

  it('refuses a jsQR whose table moved, rather than building with it', () => {
    expect(() => replaceShiftJisTable('module.exports = {};')).toThrow(/Shift_JIS table/);
  });
});
