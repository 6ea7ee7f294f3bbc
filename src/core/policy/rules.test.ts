import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountSitesAllowed, hostAllowed, pageAllowed, settingsChangeRefusal } from './rules';

describe('allowedSites: a domain covers itself and its subdomains, nothing else', () => {
  const allowed = ['school.nl', 'xn--bcher-kva.example'];

  it.each([
    ['school.nl', true],
    ['login.school.nl', true],
    ['LOGIN.School.NL.', true],
    ['a.b.school.nl', true],
    ['evil-school.nl', false],
    ['school.nl.evil.com', false],
    ['notschool.nl', false],
    ['nl', false],
    ['xn--bcher-kva.example', true],
  ])('%s → %s', (host, expected) => {
    expect(hostAllowed(host, allowed)).toBe(expected);
  });

  it('never allows a host that does not end in an allowed domain', () => {
    fc.assert(
      fc.property(fc.domain(), (host) => {
        const inside = host === 'school.nl' || host.endsWith('.school.nl');
        expect(hostAllowed(host, ['school.nl'])).toBe(inside);
      }),
    );
  });

  it('judges a page by its URL; pages with no web site are outside every list', () => {
    const policy = { allowedSites: ['school.nl'] };
    expect(pageAllowed('https://login.school.nl/otp', policy)).toBe(true);
    expect(pageAllowed('http://login.school.nl:8080/otp', policy)).toBe(true);
    expect(pageAllowed('https://school.nl@evil.com/', policy)).toBe(false);
    expect(pageAllowed('file:///home/school.nl/index.html', policy)).toBe(false);
    expect(pageAllowed('not a url', policy)).toBe(false);
    expect(pageAllowed(undefined, policy)).toBe(false);
    expect(pageAllowed(undefined, {})).toBe(true);
  });

  it("judges an account by every site it is linked to; one with none is the user's to link", () => {
    const policy = { allowedSites: ['school.nl'] };
    expect(accountSitesAllowed(['https://login.school.nl', 'school.nl'], policy)).toBe(true);
    expect(accountSitesAllowed(['school.nl', 'https://evil.com'], policy)).toBe(false);
    expect(accountSitesAllowed(['https://'], policy)).toBe(false);
    expect(accountSitesAllowed([], policy)).toBe(true);
    expect(accountSitesAllowed(undefined, policy)).toBe(true);
    expect(accountSitesAllowed(['evil.com'], {})).toBe(true);
  });
});

describe('settings changes under policy', () => {
  it('refuses "never" and longer than a maximum, allows shorter', () => {
    const policy = { autoLockMinutes: 5, clipboardClearSeconds: 30 };
    expect(settingsChangeRefusal({ autoLockMinutes: 0 }, policy)).toBe('autoLockMinutes');
    expect(settingsChangeRefusal({ autoLockMinutes: 5.5 }, policy)).toBe('autoLockMinutes');
    expect(settingsChangeRefusal({ autoLockMinutes: 5 }, policy)).toBeUndefined();
    expect(settingsChangeRefusal({ autoLockMinutes: 0.1 }, policy)).toBeUndefined();
    expect(settingsChangeRefusal({ clipboardClearSeconds: 0 }, policy)).toBe('clipboardClearSeconds');
    expect(settingsChangeRefusal({ clipboardClearSeconds: 31 }, policy)).toBe('clipboardClearSeconds');
    expect(settingsChangeRefusal({ autoLockMinutes: 0 }, {})).toBeUndefined();
  });

  it('refuses a different value for a forced setting, and accepts the forced one', () => {
    expect(settingsChangeRefusal({ lockOnScreenLock: false }, { lockOnScreenLock: true })).toBe(
      'lockOnScreenLock',
    );
    expect(settingsChangeRefusal({ lockOnScreenLock: true }, { lockOnScreenLock: true })).toBeUndefined();
    expect(settingsChangeRefusal({ lockOnScreenLock: false }, { lockOnScreenLock: false })).toBeUndefined();
    expect(settingsChangeRefusal({ autoSubmit: true }, { autoSubmit: false })).toBe('autoSubmit');
    expect(settingsChangeRefusal({ autoSubmit: false }, { autoSubmit: false })).toBeUndefined();
    expect(
      settingsChangeRefusal({ tourDone: true }, { autoSubmit: false, autoLockMinutes: 1 }),
    ).toBeUndefined();
  });
});
