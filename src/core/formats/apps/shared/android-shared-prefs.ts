/**
 * Android's SharedPreferences XML (`shared_prefs/*.xml`), the layout several apps keep their tokens
 * in: `<map>` with one `<string name="…">value</string>` per entry (other element types carry
 * settings, not tokens). Android writes it in one fixed form: double-quoted attributes, text
 * escaped with the five XML entities or numeric references, so a regular scan reads it exactly.
 */

const STRING_ENTRY = /<string\s+name="([^"]*)"\s*(?:\/>|>([^<]*)<\/string>)/g;
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(quot|amp|lt|gt|apos));/g;
const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(
    ENTITY,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name] ?? whole;
      const cp = hex ? Number.parseInt(hex, 16) : Number(dec);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    },
  );
}

/** True when the text starts like a SharedPreferences file (cheap: looks at the start only). */
export function isSharedPrefs(text: string): boolean {
  return /^\uFEFF?\s*(?:<\?xml[^>]{0,200}\?>\s*)?<map\s*\/?>/.test(text.slice(0, 512));
}

/** Every string entry in file order, names and values unescaped. */
export function sharedPrefsStrings(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const match of text.matchAll(STRING_ENTRY)) {
    out.push({ name: unescapeXml(match[1] ?? ''), value: unescapeXml(match[2] ?? '') });
  }
  return out;
}
