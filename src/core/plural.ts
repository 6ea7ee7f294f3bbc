/**
 * The plural pattern our messages follow (Chrome's i18n has none of its own): `key` holds the form
 * for most counts ("$1 accounts"), and `key_one` the singular where the language has one ("1 account").
 * English and Dutch both have only these two; the language's own rule decides (Intl.PluralRules),
 * so 0 is "0 accounts" in both.
 */
export function countKey(base: string, count: number, locale: string, has: (key: string) => boolean): string {
  let category: string;
  try {
    category = new Intl.PluralRules(locale).select(count);
  } catch {
    category = count === 1 ? 'one' : 'other';
  }
  const specific = `${base}_${category}`;
  return category !== 'other' && has(specific) ? specific : base;
}
