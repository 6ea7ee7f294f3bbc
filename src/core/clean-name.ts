/**
 * Issuers and account names come from strangers (a QR code on any page, a shared link, an import),
 * and a few invisible characters are enough to make one name look like another: U+202E turns
 * "moc.knab" into "bank.com", a line break pushes the real name out of sight. Names are cleaned
 * when stored and again when shown (records from before this rule). Notes are free text and are not
 * cleaned here.
 */

/** Characters that break a line become a space, so "Bank\nalice" does not read as "Bankalice". */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const LINE_BREAKS = /[\t-\r\x1c-\x1f\x85\u2028\u2029]/g;

/**
 * C0 and C1 controls; the bidi embeddings, overrides and isolates (Trojan Source's set); and the
 * invisible characters that carry no meaning in a name: soft hyphen, Mongolian vowel separator,
 * zero-width space, word joiner and invisible operators, the deprecated format controls
 * U+206A–U+206F, the byte-order mark, interlinear annotations. ZWJ and ZWNJ stay: Persian, the
 * Indic scripts and emoji sequences need them.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\0-\x1f\x7f-\x9f\xad\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** LRM, RLM and ALM cannot reorder letters, only move digits and punctuation around them. */
const MARKS = /[\u061c\u200e\u200f]/g;

/** Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms: the right-to-left letters. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * A name with nothing in it that could change how it is displayed. Directional marks are kept in
 * text with right-to-left letters, where people use them to place a trailing "(work)" or number,
 * and dropped elsewhere, where they have no use but mischief.
 */
export function cleanName(text: string): string {
  const cleaned = text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '');
  // ALM lies in the Arabic block itself, so the marks must not count as right-to-left text.
  const unmarked = cleaned.replace(MARKS, '');
  return RIGHT_TO_LEFT.test(unmarked) ? cleaned : unmarked;
}
