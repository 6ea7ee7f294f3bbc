import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, nameArb } from '../../tests/support/otp-arbitraries';
import { cleanName } from './clean-name';

/** Everything `cleanName` must never let through, whatever the text around it. */
const SPOOFING = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x00ad,
  0x180e,
  0x200b,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2028,
  0x2029,
  0x2060,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
  0xfeff,
].map((cp) => String.fromCodePoint(cp));

const spoofingArb = fc.constantFrom(...SPOOFING);
const hasSpoofing = (text: string) => SPOOFING.some((char) => text.includes(char));
/** Names mixed with spoofing characters anywhere. */
const dirtyArb = fc
  .array(fc.oneof(nameArb, spoofingArb, fc.constantFrom('\u200e', '\u200f', '\u061c')), { maxLength: 10 })
  .map((parts) => parts.join(''));

describe('cleanName: fixed cases', () => {
  it.each([
    ['the right-to-left override of "moc.knab"', '\u202emoc.knab', 'moc.knab'],
    ['an override closed with PDF', 'pay\u202dlap\u202c.com', 'paylap.com'],
    ['isolates', '\u2066Google\u2069\u2067evil\u2069', 'Googleevil'],
    ['embeddings', '\u202aa\u202bb\u202c', 'ab'],
    ['a line break (becomes a space)', 'Bank\nalice', 'Bank alice'],
    ['a tab and a carriage return', 'a\tb\r\nc', 'a b  c'],
    ['NUL, ESC and DEL', 'a\u0000b\u001b[31mc\u007f', 'ab[31mc'],
    ['C1 controls, NEL as a space', 'a\u0085b\u009bc', 'a bc'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['zero-width space, word joiner, BOM, soft hyphen', '\ufeffGo\u200bo\u2060g\u00adle', 'Google'],
    ['a left-to-right mark in Latin text', 'alice\u200e@bank.com', 'alice@bank.com'],
    ['a right-to-left mark in Latin text', 'bank\u200f.com', 'bank.com'],
    ['an Arabic letter mark in Latin text', 'x\u061cy', 'xy'],
  ])('removes %s', (_what, dirty, clean) => {
    expect(cleanName(dirty)).toBe(clean);
  });

  it.each([
    ['Hebrew', 'בנק הפועלים'],
    ['Arabic', 'البنك الأهلي'],
    ['Hebrew with a trailing mark that places "(work)"', 'שלום\u200f (work)\u200f'],
    ['Arabic with an Arabic letter mark before digits', 'حساب \u061c123'],
    ['Persian with a zero-width non-joiner', 'می\u200cخواهم'],
    ['an emoji ZWJ sequence', 'Family 👨‍👩‍👧'],
    ['a flag and a variation selector', '🇳🇱 ❤️'],
    ['accents and CJK', 'Crème brûlée 銀行'],
    ['the empty name', ''],
  ])('keeps %s as it is', (_what, text) => {
    expect(cleanName(text)).toBe(text);
  });

  it('strips overrides from right-to-left text too', () => {
    expect(cleanName('\u202eבנק\u202c')).toBe('בנק');
  });
});

describe('cleanName: properties (fast-check)', () => {
  it('never lets a control, override, isolate or zero-width character through', () => {
    fc.assert(
      fc.property(fc.oneof(dirtyArb, anyText()), (text) => {
        expect(hasSpoofing(cleanName(text))).toBe(false);
      }),
    );
  });

  it('is idempotent: a stored name is already what will be shown', () => {
    fc.assert(
      fc.property(fc.oneof(dirtyArb, anyText()), (text) => {
        expect(cleanName(cleanName(text))).toBe(cleanName(text));
      }),
    );
  });

  it('changes no name that has nothing to clean', () => {
    fc.assert(
      fc.property(
        nameArb.filter((text) => !hasSpoofing(text) && !/[\u061c\u200e\u200f]/.test(text)),
        (text) => {
          expect(cleanName(text)).toBe(text);
        },
      ),
    );
  });
});
