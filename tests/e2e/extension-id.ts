import { createHash } from 'node:crypto';

/** Chromium's rule: the ID is the first 32 hex digits of SHA-256(public key DER), spelled with a–p. */
export function extensionIdFromKey(base64PublicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64PublicKey, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}
