import fc from 'fast-check';
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { normalizeBase32Secret, OtpUriError } from './index';

function errorOf(fn: () => unknown): OtpUriError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OtpUriError) return error;
    throw error;
  }
  throw new Error('expected an OtpUriError');
}

describe('normalizeBase32Secret', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbswy3dpehpk3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JbSw Y3dP eHpK 3pXp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP'],
    ['  JBSW\tY3DP\nEHPK\u00a03PXP  ', 'JBSWY3DPEHPK3PXP'],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'],
    ['JBSWY3DPEHPK3PXP========', 'JBSWY3DPEHPK3PXP'],
    ['MY = = =', 'MY'],
    ['AB', 'AB'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeBase32Secret(input)).toBe(expected);
  });

  it.each([
    ['JBSW1Y3D', 4, '"1"'],
    ['jbsw y3dp 0hpk', 10, '"0"'],
    ['AB=CD', 2, 'padding'],
    ['AB😀CD', 2, '😀'],
    ['ABC\uD800', 3, 'U+D800'],
    ['ABC\u0000', 3, 'U+0000'],
    ['ABCé', 3, '"é"'],
    ['ABCD/', 4, '"/"'],
  ])('%j is refused at position %i', (input, position, shown) => {
    const error = errorOf(() => normalizeBase32Secret(input));
    expect(error.code).toBe('bad-base32');
    expect(error.position).toBe(position);
    expect(error.message).toContain(`position ${position + 1}`);
    expect(error.message).toContain(shown);
  });

  it('hints at the usual look-alikes', () => {
    expect(errorOf(() => normalizeBase32Secret('AB0C')).message).toContain('did you mean O');
    expect(errorOf(() => normalizeBase32Secret('AB1C')).message).toContain('did you mean I or L');
  });

  it.each(['', '   ', '-', '==', ' - = '])('%j is missing-secret', (input) => {
    expect(errorOf(() => normalizeBase32Secret(input)).code).toBe('missing-secret');
  });

  it('refuses a key shorter than one byte', () => {
    expect(errorOf(() => normalizeBase32Secret('A')).code).toBe('bad-base32');
    expect(errorOf(() => normalizeBase32Secret('a=======')).code).toBe('bad-base32');
  });

  it('never throws anything but OtpUriError, even for non-strings', () => {
    expect(errorOf(() => normalizeBase32Secret(undefined as unknown as string)).code).toBe('missing-secret');
  });

  it('keeps the bytes of any key, whatever grouping and case it is typed with', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.array(fc.boolean(), { minLength: 130, maxLength: 130 }),
        fc.constantFrom('', ' ', '-', ' - '),
        fc.nat(8),
        (bytes, lower, separator, padding) => {
          const canonical = new Secret({ buffer: bytes.buffer }).base32;
          const typed =
            [...canonical]
              .map((c, i) => (lower[i % lower.length] ? c.toLowerCase() : c))
              .map((c, i) => (i > 0 && i % 4 === 0 ? separator + c : c))
              .join('') + '='.repeat(padding);
          const normalized = normalizeBase32Secret(typed);
          expect(normalized).toBe(canonical);
          expect(Secret.fromBase32(normalized).bytes).toEqual(bytes);
        },
      ),
      { numRuns: 500, seed: 4226 },
    );
  });
});
