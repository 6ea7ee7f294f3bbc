import { isOtpUriError, normalizeBase32Secret } from '../core/otp';
import { errorKey, t } from './i18n';

const LOOKALIKE_HINTS = { '0': 'key_hint_0', '1': 'key_hint_1', '8': 'key_hint_8' } as const;

function visible(char: string): string {
  // Spaces, control and invisible characters cannot be shown in quotes; name them instead.
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char)
    ? char
    : `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Turns a refused setup key into a sentence that says what to fix, in the user's language. */
export function describeKeyError(error: unknown, input: string): string {
  if (!isOtpUriError(error)) return t('error_bad_base32');
  if (error.code !== 'bad-base32') return t(errorKey(error.code));
  if (error.position === undefined) return t('key_too_short');
  const char = Array.from(input)[error.position] ?? '';
  if (char === '=') return t('key_bad_padding');
  const message = t('key_bad_char', [visible(char), String(error.position + 1)]);
  const hint = LOOKALIKE_HINTS[char as keyof typeof LOOKALIKE_HINTS];
  return hint ? `${message} ${t(hint)}` : message;
}

/** Undefined while the key is fine or still empty: nobody needs an error before typing. */
export function keyProblem(input: string): string | undefined {
  if (!input.trim()) return undefined;
  try {
    normalizeBase32Secret(input);
    return undefined;
  } catch (error) {
    return describeKeyError(error, input);
  }
}
