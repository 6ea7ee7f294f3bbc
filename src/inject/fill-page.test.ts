import { describe, expect, it } from 'vitest';
import { fillPage } from './fill-page';

// Filling itself needs layout, real events and the native value setter, none of which exist in
// Node or linkedom; it is checked in Chromium by the Playwright tests. Here: what is refused before
// the page is touched (this environment has no `document`, so touching it would throw).
describe('fillPage', () => {
  it.each([['12<b>'], ['123'], ['12345678901'], ['12345-'], ['']])(
    'refuses the unusable code %j',
    async (code) => {
      expect(await fillPage(code)).toEqual({ filled: false, reason: 'bad-code' });
    },
  );

  it('refuses a code whose length differs from codeLength', async () => {
    expect(await fillPage('123456', { codeLength: 8 })).toEqual({ filled: false, reason: 'bad-code' });
  });
});
