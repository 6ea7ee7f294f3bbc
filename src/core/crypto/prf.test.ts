import { describe, expect, it } from 'vitest';
import { generateDataKey, unwrapDataKey, wrapDataKey } from './aead.ts';
import { utf8 } from './bytes.ts';
import { PRF_OUTPUT_BYTES, wrappingKeyFromPrf } from './prf.ts';

const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);
const AAD = utf8('test');

describe('wrappingKeyFromPrf', () => {
  it('uses HKDF-SHA-256 as RFC 5869 defines it (test case 1, the first 32 bytes of its OKM)', async () => {
    // The same WebCrypto call the slot makes, on the RFC's inputs, so a wrong hash or argument order shows.
    const ikm = bytes(22, 0x0b);
    const salt = Uint8Array.from({ length: 13 }, (_, i) => i);
    const info = Uint8Array.from({ length: 10 }, (_, i) => 0xf0 + i);
    const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
    const okm = new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, 256),
    );
    expect(Buffer.from(okm).toString('hex')).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf',
    );
  });

  it('gives the same key for the same PRF output and salt, and unwraps what it wrapped', async () => {
    const dek = await generateDataKey();
    const sealed = await wrapDataKey(dek, await wrappingKeyFromPrf(bytes(32, 7), bytes(32, 1)), AAD);
    const again = await unwrapDataKey(sealed, await wrappingKeyFromPrf(bytes(32, 7), bytes(32, 1)), AAD);
    expect(again.algorithm).toMatchObject({ name: 'AES-GCM' });
  });

  it.each([
    ['another PRF output (another authenticator)', bytes(32, 8), bytes(32, 1)],
    ['another vault salt', bytes(32, 7), bytes(32, 2)],
  ])('does not open with %s', async (_, prf, salt) => {
    const dek = await generateDataKey();
    const sealed = await wrapDataKey(dek, await wrappingKeyFromPrf(bytes(32, 7), bytes(32, 1)), AAD);
    await expect(unwrapDataKey(sealed, await wrappingKeyFromPrf(prf, salt), AAD)).rejects.toThrow(
      'authentication failed',
    );
  });

  it('refuses a PRF output of the wrong length', async () => {
    await expect(wrappingKeyFromPrf(bytes(PRF_OUTPUT_BYTES - 1, 7), bytes(32, 1))).rejects.toThrow(
      RangeError,
    );
  });

  it('makes a key that cannot be exported', async () => {
    const key = await wrappingKeyFromPrf(bytes(32, 7), bytes(32, 1));
    expect(key.extractable).toBe(false);
  });
});
