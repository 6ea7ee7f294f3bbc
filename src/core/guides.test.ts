import { describe, expect, it } from 'vitest';
import { guideForUrl, guidePath } from './guides';

describe('guideForUrl', () => {
  it.each([
    ['https://mysignins.microsoft.com/security-info', 'microsoft'],
    ['https://login.microsoftonline.com/common/oauth2/v2.0/authorize?x=1', 'microsoft'],
    ['https://account.live.com/proofs/Manage', 'microsoft'],
    ['https://www.office.com/', 'microsoft'],
    ['https://aka.ms/mfasetup', 'microsoft'],
    ['http://mysignins.microsoft.com:8080/ms/security-info', 'microsoft'],
    ['https://accounts.google.com/v3/signin/challenge/totp', 'google'],
    ['https://myaccount.google.com/two-step-verification/authenticator', 'google'],
    ['https://school.example/setup', 'any-site'],
    ['https://microsoft.com.evil.example/login', 'any-site'],
    ['https://notmicrosoftonline.com/', 'any-site'],
    ['https://docs.google.com/', 'any-site'],
    ['chrome-extension://nfhdjalblejmoimpgkfefjmogchaeocj/popup.html', 'any-site'],
    ['not a url', 'any-site'],
    [undefined, 'any-site'],
  ])('%s → %s', (url, guide) => {
    expect(guideForUrl(url)).toBe(guide);
  });
});

it('guidePath names the page and the guide', () => {
  expect(guidePath('microsoft')).toBe('/guide.html#microsoft');
  expect(guidePath('google')).toBe('/guide.html#google');
});
