/**
 * jsQR carries its own Shift_JIS → Unicode table for QR codes in Kanji mode: 7,000 entries, 98 KB
 * minified, about 34 KB gzipped, in every bundle with the decoder (the import's reader among them,
 * which is why the config hands this plugin to Vite's worker build too). Every browser's TextDecoder knows Shift_JIS (the WHATWG encoding, i.e.
 * Windows-31J), so the build swaps the table for a lookup that asks it. jsQR reads the table at one
 * place only, `shiftJISTable[c]` with `c` a two-byte code, and turns `undefined` into U+0000.
 */
import type { Plugin } from 'vite';

const TABLE_START = 'exports.shiftJISTable = {';

/** What the table becomes: same keys, same code points (bar the WHATWG mapping's few differences). */
const LOOKUP = `exports.shiftJISTable = (function () {
    var decoder;
    return new Proxy({}, {
        get: function (_table, key) {
            var code = Number(key);
            if (!(code >= 0x8140 && code <= 0xffff)) return undefined;
            try {
                decoder = decoder || new TextDecoder("shift_jis", { fatal: true });
                var text = decoder.decode(new Uint8Array([code >> 8, code & 0xff]));
                return text.length === 1 ? text.charCodeAt(0) : undefined;
            } catch (_error) {
                return undefined;
            }
        },
    });
})();`;

/** jsQR's bundle with its table replaced; throws when the table is not where it was, so no build ships it silently. */
export function replaceShiftJisTable(code: string): string {
  const start = code.indexOf(TABLE_START);
  const end = start < 0 ? -1 : code.indexOf('\n};', start);
  if (start < 0 || end < 0 || code.indexOf(TABLE_START, end) >= 0) {
    throw new Error('jsqr-shift-jis: jsQR.js no longer has its Shift_JIS table where this build expects it');
  }
  return code.slice(0, start) + LOOKUP + code.slice(end + '\n};'.length);
}

const JSQR_BUNDLE = /[\\/]node_modules[\\/]jsqr[\\/]dist[\\/]jsQR\.js$/;

export function jsqrShiftJisPlugin(): Plugin {
  return {
    name: 'tweestap:jsqr-shift-jis',
    enforce: 'pre',
    transform(code, id) {
      if (!JSQR_BUNDLE.test(id)) return undefined;
      return { code: replaceShiftJisTable(code), map: null };
    },
  };
}
