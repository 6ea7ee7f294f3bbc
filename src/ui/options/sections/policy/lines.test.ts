import { describe, expect, it } from 'vitest';
import type { LocalText } from '../../../../core/policy/keys';
import { policyLines, splitAt } from './lines';

const en = (text: LocalText) => text.en;
const nl = (text: LocalText) => text.nl;

describe('policyLines', () => {
  it('has no lines for no policy', () => {
    expect(policyLines({}, en)).toEqual({ rules: [], help: [] });
  });

  it('says each value in words, in the order of keys.ts, help keys last', () => {
    const { rules, help } = policyLines(
      {
        supportContact: 'ICT desk',
        helpUrl: 'https://help.school.test/',
        clipboardClearSeconds: 1,
        autoLockMinutes: 5,
        allowedSites: ['school.test', 'mail.school.test'],
        disableExport: false,
      },
      en,
    );
    expect(rules).toEqual([
      { key: 'autoLockMinutes', text: 'Tweestap locks after at most 5 minutes without use.' },
      {
        key: 'clipboardClearSeconds',
        text: 'Copied codes are cleared from the clipboard after at most 1 second.',
      },
      { key: 'disableExport', text: 'You may take accounts out of Tweestap.' },
      {
        key: 'allowedSites',
        text: 'You can only use Tweestap for these sites: school.test, mail.school.test.',
      },
    ]);
    expect(help).toEqual([
      { key: 'helpUrl', text: 'Help from your organisation: https://help.school.test/' },
      { key: 'supportContact', text: 'Questions? Contact ICT desk.' },
    ]);
  });

  it('speaks Dutch when asked', () => {
    expect(policyLines({ autoLockMinutes: 1 }, nl).rules).toEqual([
      { key: 'autoLockMinutes', text: 'Tweestap vergrendelt na hooguit 1 minuut zonder gebruik.' },
    ]);
  });
});

describe('splitAt', () => {
  it('splits around the part', () => {
    expect(splitAt('Help: https://x.test/ now', 'https://x.test/')).toEqual(['Help: ', ' now']);
  });
  it('is undefined when the part is missing', () => {
    expect(splitAt('Help', 'https://x.test/')).toBeUndefined();
  });
});
