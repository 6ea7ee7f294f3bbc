export type Strength = 'weak' | 'fair' | 'strong';

export const MIN_PASSWORD_LENGTH = 8;

// The passwords people pick first, in both languages the first schools use. A tiny list on
// purpose: it catches the obvious, the length rule does the rest, and the popup stays small.
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'wachtwoord',
  'wachtwoord1',
  'welkom',
  'welkom01',
  'welkom123',
  'qwerty',
  'qwertyuiop',
  'azerty',
  'letmein',
  'iloveyou',
  'tweestap',
  'geheim',
  'school',
  'admin',
  'welcome',
  'monkey',
  'dragon',
  'football',
  'voetbal',
]);

const isCommon = (password: string): boolean => {
  const lower = password.toLowerCase();
  // "Welkom2024!" is still "welkom": strip the digits and symbols people tack on.
  const core = lower.replace(/[^a-z]+$/u, '').replace(/^[^a-z]+/u, '');
  return COMMON.has(lower) || COMMON.has(core) || /^(\d+|(.)\2+)$/u.test(password) || isSequence(lower);
};

function isSequence(text: string): boolean {
  if (text.length < 4) return false;
  for (let i = 1; i < text.length; i++) {
    if (text.charCodeAt(i) - text.charCodeAt(i - 1) !== 1) return false;
  }
  return true;
}

/**
 * A rough, honest guide, not an entropy estimate: length matters most, mixing kinds of
 * characters helps a little, and a well-known password is weak however it is dressed up.
 */
export function passwordStrength(password: string): Strength {
  if (password.length < MIN_PASSWORD_LENGTH || isCommon(password)) return 'weak';
  const classes = [/[a-z]/u, /[A-Z]/u, /\d/u, /[^a-zA-Z\d]/u].filter((re) => re.test(password)).length;
  // Long passphrases ("paard batterij nietje correct") are strong without symbols.
  if (password.length >= 16 || (password.length >= 12 && classes >= 3)) return 'strong';
  if (password.length >= 12 || (password.length >= 10 && classes >= 2) || classes >= 3) return 'fair';
  return 'weak';
}
