import { describe, expect, it } from 'vitest';
import { byHandReason, groupKey, transferName } from './names';

describe('names', () => {
  it('names an account by issuer and account name, or whichever it has', () => {
    expect(transferName({ issuer: 'GitHub', label: 'octocat' })).toBe('GitHub (octocat)');
    expect(transferName({ issuer: '', label: 'me@example.test' })).toBe('me@example.test');
    expect(transferName({ issuer: 'Steam', label: '' })).toBe('Steam');
  });

  it('groups a setup key in fours', () => {
    expect(groupKey('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupKey('ABCDEF')).toBe('ABCD EF');
    expect(groupKey('')).toBe('');
  });

  it('says why Google Authenticator cannot make the codes', () => {
    expect(byHandReason({ type: 'steam', digits: 5, period: 30 })).toEqual(['transfer_reason_steam']);
    expect(byHandReason({ type: 'totp', digits: 7, period: 30 })).toEqual(['transfer_reason_digits', '7']);
    expect(byHandReason({ type: 'totp', digits: 6, period: 60 })).toEqual(['transfer_reason_period', '60']);
  });
});
