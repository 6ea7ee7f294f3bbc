import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../../../core/account';
import { formatOtpauthUri } from '../../../../core/otp';
import { groupKey, secretOf, withoutSpacing } from './setup-key';

const account: OtpAccount = {
  type: 'hotp',
  issuer: 'Säker & Co',
  label: 'ann?secret=WRONG',
  secret: 'JBSWY3DPEHPK3PXPJ',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 3,
};

describe('the setup key as "Set up another device" shows it', () => {
  it('is grouped by four, the last group as long as it comes', () => {
    expect(groupKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupKey('JBSWY3DPEHPK3PXPJ')).toBe('JBSW Y3DP EHPK 3PXP J');
    expect(groupKey('')).toBe('');
  });

  it('copied from the screen comes back without the spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z2-7]{1,64}$/), (secret) => {
        expect(withoutSpacing(groupKey(secret))).toBe(secret);
      }),
    );
  });

  it('is read from the link the worker wrote, not from a look-alike in the name', () => {
    expect(secretOf(formatOtpauthUri(account))).toBe(account.secret);
    expect(secretOf('not a link')).toBe('');
    expect(secretOf('otpauth://totp/x?issuer=y')).toBe('');
  });
});
