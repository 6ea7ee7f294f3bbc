import { describe, expect, it } from 'vitest';
import { classifyQrText, type QrTextKind } from './index.ts';

const TABLE: ReadonlyArray<[string, QrTextKind]> = [
  ['otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', 'otpauth'],
  ['OTPAUTH://TOTP/ACME:bob?secret=JBSWY3DPEHPK3PXP', 'otpauth'],
  ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=3', 'otpauth'],
  ['otpauth://steam/Steam:alice?secret=JBSWY3DPEHPK3PXP', 'otpauth'],
  ['  \n otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n', 'otpauth'],
  ['otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGGFsaWNl', 'otpauth-migration'],
  ['OtpAuth-Migration://offline?data=abc', 'otpauth-migration'],
  ['steam://JBSWY3DPEHPK3PXP', 'steam'],
  ['STEAM://JBSWY3DPEHPK3PXP', 'steam'],
  ['https://example.org/login', 'web-link'],
  ['HTTP://EXAMPLE.ORG', 'web-link'],
  ['www.example.org/setup', 'web-link'],
  ['WIFI:S:Home;T:WPA;P:correct horse;;', 'wifi'],
  ['wifi:T:nopass;S:Cafe;;', 'wifi'],
  ['mailto:help@example.org?subject=2FA', 'email'],
  ['MATMSG:TO:help@example.org;SUB:Hi;;', 'email'],
  ['tel:+31201234567', 'phone'],
  ['TEL:112', 'phone'],
  ['SMSTO:+31612345678:code', 'sms'],
  ['sms:+31612345678', 'sms'],
  ['geo:52.3676,4.9041', 'geo'],
  ['BEGIN:VCARD\nVERSION:3.0\nFN:Alice\nEND:VCARD', 'contact'],
  ['MECARD:N:Alice;TEL:123;;', 'contact'],
  ['JBSWY3DPEHPK3PXP', 'text'],
  ['Hello, world', 'text'],
  ['', 'text'],
  ['otpauth', 'text'],
  ['https:/broken', 'text'],
  ['www.', 'text'],
  ['my otpauth://totp/x link', 'text'],
];

describe('classifyQrText', () => {
  it.each(TABLE)('%j is %s', (text, kind) => {
    expect(classifyQrText(text)).toEqual({ kind });
  });

  it('never throws on odd input', () => {
    for (const text of ['\u0000', '\uFFFD'.repeat(10_000), ' '.repeat(100), 'ß'.repeat(40)]) {
      expect(classifyQrText(text).kind).toBe('text');
    }
  });
});
