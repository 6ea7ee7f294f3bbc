import { describe, expect, it } from 'vitest';
import { GENERAL_GUIDE } from '../../core/guides';
import { DEFAULT_GUIDE, requestedGuide } from './guide-page';

describe('requestedGuide', () => {
  it('falls back to the general guide the popup also names', () => {
    expect(DEFAULT_GUIDE).toBe(GENERAL_GUIDE);
    expect(requestedGuide('', '', 'en').name).toBe(GENERAL_GUIDE);
  });

  it.each([
    ['', '#microsoft', 'nl-NL', { language: 'nl', name: 'microsoft', anchor: '' }],
    ['?lang=en', '#google:stap-2', 'nl', { language: 'en', name: 'google', anchor: 'stap-2' }],
    ['?lang=nl', '#index', 'en-US', { language: 'nl', name: 'index', anchor: '' }],
    ['', '#../../manifest', 'fr', { language: 'en', name: GENERAL_GUIDE, anchor: '' }],
    ['?lang=de', '#code-refused', 'en', { language: 'en', name: 'code-refused', anchor: '' }],
  ])('%s%s in a %s browser', (search, hash, ui, expected) => {
    expect(requestedGuide(search, hash, ui)).toEqual(expected);
  });
});
