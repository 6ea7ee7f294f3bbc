import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayOverwrite } from './overwrite';

describe('mayOverwrite', () => {
  it.each([
    ['', '123456', true],
    ['   ', '123456', true],
    // Only the separators of a code (a page's mask): nothing the user typed.
    ['-', '123456', true],
    [' - ', '123456', true],
    ['654321', '123456', true],
    ['654 321', '123456', true],
    ['654-321', '123456', true],
    ['KX9P2', 'C82WR', true],
  ])('writes over %j with %s', (current, code, expected) => {
    expect(mayOverwrite(current, code)).toBe(expected);
  });

  it.each([
    ['anna@school.nl', '123456'],
    ['12345', '123456'],
    ['1234567', '123456'],
    ['12a456', '123456'],
    ['ABCD-EFGH-IJKL', '123456'],
    ['C82W', 'C82WR'],
    ['C8 2W!', 'C82WR'],
  ])('leaves %j alone for %s', (current, code) => {
    expect(mayOverwrite(current, code)).toBe(false);
  });

  it('never writes over text of another length', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.stringMatching(/^\d{6,8}$/), (current, code) => {
        const typed = current.replace(/[\s-]/g, '');
        fc.pre(typed.length !== code.length && typed !== '');
        expect(mayOverwrite(current, code)).toBe(false);
      }),
    );
  });
});
