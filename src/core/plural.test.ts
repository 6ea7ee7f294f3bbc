import { describe, expect, it } from 'vitest';
import { countKey } from './plural';

const keys = new Set(['found', 'found_one']);
const has = (key: string) => keys.has(key);

describe('countKey', () => {
  it('takes the singular for one, in English and Dutch', () => {
    expect(countKey('found', 1, 'en', has)).toBe('found_one');
    expect(countKey('found', 1, 'nl', has)).toBe('found_one');
  });

  it('takes the main form for every other count, 0 included', () => {
    for (const count of [0, 2, 5, 21, 1000])
      for (const locale of ['en', 'nl']) expect(countKey('found', count, locale, has)).toBe('found');
  });

  it('falls back to the main form when a message has no singular', () => {
    expect(countKey('other', 1, 'en', has)).toBe('other');
  });

  it('survives a locale the runtime does not know', () => {
    expect(countKey('found', 1, 'not a locale!', has)).toBe('found_one');
  });
});
