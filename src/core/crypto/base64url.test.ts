import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url.ts';

describe('base64url', () => {
  it('encodes as RFC 4648 §10 does, in the URL alphabet and without padding', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of vectors) expect(toBase64Url(new TextEncoder().encode(text))).toBe(encoded);
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each(['Zm9v=', 'Zm+v', 'Zm/v', 'Z', 'Zh', 'Zm 9v'])(
    'refuses %j, which is not the canonical form',
    (text) => {
      expect(fromBase64Url(text)).toBeUndefined();
    },
  );
});
