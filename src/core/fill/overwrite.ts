/**
 * Whether a code may replace what its field already holds. Filling must never destroy what the user
 * (or the page) put there: an email address, a recovery code, half a password in the wrong box. So
 * only an empty field, or one holding an old code of the same shape (same length, and digits where
 * the code is digits: yesterday's code, a retry), is written; anything else is left as it is.
 */
export function mayOverwrite(current: string, code: string): boolean {
  // Separators a page or a user puts inside a code: "123 456", "123-456".
  const text = current.replace(/[\s-]/g, '');
  if (text === '') return true;
  if (text.length !== code.length) return false;
  return /^\d+$/.test(code) ? /^\d+$/.test(text) : /^[0-9a-z]+$/i.test(text);
}
