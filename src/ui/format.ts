/**
 * Splits a code in two so it can be read and typed in chunks: 123 456, 123 4567, 1234 5678.
 * Steam codes (letters) and anything of five characters or fewer are shown as they are.
 */
export function groupCode(code: string): string {
  if (code.length < 6 || !/^\d+$/.test(code)) return code;
  const cut = Math.floor(code.length / 2);
  return `${code.slice(0, cut)} ${code.slice(cut)}`;
}

/** "123456" → "1 2 3 4 5 6", so a screen reader says digits, not "one hundred twenty-three thousand". */
export function spokenCode(code: string): string {
  return Array.from(code.replace(/\s/g, '')).join(' ');
}
