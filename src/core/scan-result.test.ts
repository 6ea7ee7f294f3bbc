import { describe, expect, it } from 'vitest';
import { interpretQrText, uniqueTexts } from './scan-result';

describe('interpretQrText', () => {
  it('reads an otpauth link into an account', () => {
    const scanned = interpretQrText(
      'otpauth://totp/Demo%20School:teacher?secret=JBSWY3DPEHPK3PXP&issuer=Demo%20School',
    );
    expect(scanned).toMatchObject({
      kind: 'account',
      status: 'new',
      account: { issuer: 'Demo School', label: 'teacher', secret: 'JBSWY3DPEHPK3PXP', type: 'totp' },
    });
  });

  it('shows a scanned name without its override or control characters, before the vault sees it', () => {
    const text = `otpauth://totp/${encodeURIComponent('\u202emoc.knab')}:${encodeURIComponent('bob\u0000\u2067@evil\u2069')}?secret=JBSWY3DPEHPK3PXP&issuer=${encodeURIComponent('\u202emoc.knab')}`;
    expect(interpretQrText(text)).toMatchObject({ account: { issuer: 'moc.knab', label: 'bob@evil' } });
  });

  it('leaves Hebrew and Arabic names as they are', () => {
    const text = `otpauth://totp/${encodeURIComponent('בנק הפועלים')}:${encodeURIComponent('البنك\u200f')}?secret=JBSWY3DPEHPK3PXP`;
    expect(interpretQrText(text)).toMatchObject({ account: { issuer: 'בנק הפועלים', label: 'البنك\u200f' } });
  });

  it('reads the steam:// form', () => {
    expect(interpretQrText('steam://JBSWY3DPEHPK3PXP')).toMatchObject({
      kind: 'account',
      account: { type: 'steam' },
    });
  });

  it('says what is wrong with a broken otpauth link', () => {
    expect(interpretQrText('otpauth://totp/x?secret=not*base32')).toEqual({
      kind: 'invalid',
      error: 'bad-base32',
    });
    expect(interpretQrText('otpauth://totp/x')).toEqual({ kind: 'invalid', error: 'missing-secret' });
  });

  it('recognises a transfer code and other QR contents without adding them', () => {
    expect(interpretQrText('otpauth-migration://offline?data=CgA')).toEqual({ kind: 'migration' });
    expect(interpretQrText('https://example.org/welcome')).toEqual({
      kind: 'other',
      what: 'web-link',
      host: 'example.org',
    });
    expect(interpretQrText('WIFI:S:school;T:WPA;P:secret;;')).toEqual({ kind: 'other', what: 'wifi' });
    expect(interpretQrText('hello')).toEqual({ kind: 'other', what: 'text' });
  });
});

describe('uniqueTexts', () => {
  it('drops repeats and blanks, keeping first-seen order', () => {
    expect(uniqueTexts(['b', ' a ', 'b', '', 'a'])).toEqual(['b', 'a']);
  });
});
