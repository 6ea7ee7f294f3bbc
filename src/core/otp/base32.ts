import { describeChar, OtpUriError } from './errors';

/** RFC 4648 §6. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The shortest secret accepted, in whole decoded bytes. RFC 4226 §4 asks issuers for 128 bits and
 * recommends 160, but real services hand out 80-bit keys and tutorials use 40-bit ones, and
 * refusing a key the server accepts helps nobody. So we only refuse what cannot be a key at all:
 * fewer than 8 bits, i.e. a single base32 character.
 */
export const MIN_SECRET_BYTES = 1;

/** People misread these as base32 letters; the hint turns a dead end into a fix. */
const LOOKALIKES: Record<string, string> = { '0': 'O', '1': 'I or L', '8': 'B' };

const isSkippable = (char: string): boolean => char === '-' || /^\s$/u.test(char);

/**
 * Turns a setup key as people type or paste it into the canonical form accounts store: upper
 * case, no spaces, hyphens or padding. Keys are shown in groups ("jbsw y3dp …") and copied with
 * or without `=` padding, so all of that is tolerated; anything else names the first bad
 * character and its position so the person can find it.
 *
 * A length that no byte string encodes to (1, 3 or 6 characters mod 8) is accepted and the
 * leftover bits dropped, as Google Authenticator and the otpauth library do: some issuers pick
 * random base32 characters instead of encoding random bytes, and their servers decode the same way.
 */
export function normalizeBase32Secret(input: string): string {
  if (typeof input !== 'string') {
    throw new OtpUriError('missing-secret', 'The secret key is missing.');
  }
  const chars = Array.from(input);
  // Padding is only legal at the very end, so find where the data stops before scanning.
  let end = chars.length;
  while (end > 0) {
    const char = chars[end - 1]!;
    if (char !== '=' && !isSkippable(char)) break;
    end--;
  }
  let out = '';
  for (let i = 0; i < end; i++) {
    const char = chars[i]!;
    if (isSkippable(char)) continue;
    const upper = char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
    if (upper.length === 1 && ALPHABET.includes(upper)) {
      out += upper;
      continue;
    }
    const hint = LOOKALIKES[char] ? ` (did you mean ${LOOKALIKES[char]}?)` : '';
    const what = char === '=' ? 'padding "=" before the end' : `the character "${describeChar(char)}"`;
    throw new OtpUriError(
      'bad-base32',
      `The secret key contains ${what} at position ${i + 1}${hint}. ` +
        'A key uses only the letters A to Z and the digits 2 to 7.',
      { position: i },
    );
  }
  if (out.length === 0) {
    throw new OtpUriError('missing-secret', 'The secret key is empty.');
  }
  if (Math.floor((out.length * 5) / 8) < MIN_SECRET_BYTES) {
    throw new OtpUriError('bad-base32', 'The secret key is too short to be a real key.');
  }
  return out;
}
