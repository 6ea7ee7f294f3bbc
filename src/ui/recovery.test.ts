import { describe, expect, it } from 'vitest';
import { parseRecoveryCodes } from './recovery';

describe('parseRecoveryCodes', () => {
  it('splits on lines, spaces, commas and semicolons', () => {
    expect(parseRecoveryCodes('aaaa-1111\nbbbb-2222, cccc-3333;dddd-4444  eeee').map((c) => c.code)).toEqual([
      'aaaa-1111',
      'bbbb-2222',
      'cccc-3333',
      'dddd-4444',
      'eeee',
    ]);
  });

  it('skips codes already there and repeats', () => {
    const added = parseRecoveryCodes('x y x z', [{ code: 'y', used: true }]);
    expect(added).toEqual([
      { code: 'x', used: false },
      { code: 'z', used: false },
    ]);
  });
});
