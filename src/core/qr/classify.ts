/**
 * What a decoded QR is, so the UI can say "this QR code is a web link, not an authenticator setup
 * code" instead of a parse error. Only the scheme is looked at (case-insensitively, after the
 * whitespace QR generators and readers add); whether an otpauth link is valid is the OTP core's call.
 */
export type QrTextKind =
  | 'otpauth'
  | 'otpauth-migration'
  | 'steam'
  | 'web-link'
  | 'wifi'
  | 'email'
  | 'phone'
  | 'sms'
  | 'geo'
  | 'contact'
  | 'text';

export interface QrTextClass {
  kind: QrTextKind;
}

const SCHEMES: ReadonlyArray<[RegExp, QrTextKind]> = [
  // otpauth-migration first: it also starts with "otpauth".
  [/^otpauth-migration:/, 'otpauth-migration'],
  [/^otpauth:/, 'otpauth'],
  [/^steam:/, 'steam'],
  [/^https?:\/\//, 'web-link'],
  [/^www\.[^\s.]+\.[^\s]/, 'web-link'],
  [/^wifi:/, 'wifi'],
  [/^(mailto:|matmsg:)/, 'email'],
  [/^tel:/, 'phone'],
  [/^(sms|smsto|mms|mmsto):/, 'sms'],
  [/^geo:/, 'geo'],
  [/^(begin:vcard|mecard:)/, 'contact'],
];

export function classifyQrText(text: string): QrTextClass {
  const start = text.trim().slice(0, 32).toLowerCase();
  for (const [pattern, kind] of SCHEMES) if (pattern.test(start)) return { kind };
  return { kind: 'text' };
}
