import { describe, expect, it } from 'vitest';
import { groupCode, spokenCode } from './format';

describe('groupCode', () => {
  it('groups 6, 7 and 8 digits', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('1234567')).toBe('123 4567');
    expect(groupCode('12345678')).toBe('1234 5678');
  });

  it('keeps leading zeros', () => {
    expect(groupCode('012345')).toBe('012 345');
  });

  it('leaves Steam codes and short codes alone', () => {
    expect(groupCode('B7QX2')).toBe('B7QX2');
    expect(groupCode('2BCDFG')).toBe('2BCDFG');
    expect(groupCode('12345')).toBe('12345');
    expect(groupCode('')).toBe('');
  });
});

describe('spokenCode', () => {
  it('spaces every character', () => {
    expect(spokenCode('123456')).toBe('1 2 3 4 5 6');
    expect(spokenCode('123 456')).toBe('1 2 3 4 5 6');
    expect(spokenCode('B7QX2')).toBe('B 7 Q X 2');
  });
});
