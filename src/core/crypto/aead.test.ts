import { describe, expect, it } from 'vitest';
import {
  AuthError,
  exportRawKey,
  generateDataKey,
  generateWrappingKey,
  importDataKey,
  seal,
  unseal,
  unwrapDataKey,
  wrapDataKey,
} from './aead.ts';
import { equalBytes, utf8 } from './bytes.ts';

describe('aead', () => {
  it('round-trips and uses a fresh IV each time', async () => {
    const key = await generateDataKey();
    const a = await seal(key, utf8('hello'), utf8('ad'));
    const b = await seal(key, utf8('hello'), utf8('ad'));
    expect(equalBytes(a.iv, b.iv)).toBe(false);
    expect(new TextDecoder().decode(await unseal(key, a, utf8('ad')))).toBe('hello');
  });

  it('rejects altered ciphertext, IV or associated data with AuthError', async () => {
    const key = await generateDataKey();
    const sealed = await seal(key, utf8('secret'), utf8('id-1'));
    const flippedCt = sealed.ct.slice();
    flippedCt[0]! ^= 1;
    const flippedIv = sealed.iv.slice();
    flippedIv[0]! ^= 1;
    await expect(unseal(key, { iv: sealed.iv, ct: flippedCt }, utf8('id-1'))).rejects.toBeInstanceOf(
      AuthError,
    );
    await expect(unseal(key, { iv: flippedIv, ct: sealed.ct }, utf8('id-1'))).rejects.toBeInstanceOf(
      AuthError,
    );
    await expect(unseal(key, sealed, utf8('id-2'))).rejects.toBeInstanceOf(AuthError);
    await expect(unseal(await generateDataKey(), sealed, utf8('id-1'))).rejects.toBeInstanceOf(AuthError);
  });

  it('wraps a data key under a non-extractable key and unwraps it', async () => {
    const dek = await generateDataKey();
    const kek = await generateWrappingKey();
    expect(kek.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', kek)).rejects.toThrow();
    const wrapped = await wrapDataKey(dek, kek, utf8('slot'));
    const back = await unwrapDataKey(wrapped, kek, utf8('slot'));
    expect(equalBytes(await exportRawKey(back), await exportRawKey(dek))).toBe(true);
    await expect(unwrapDataKey(wrapped, kek, utf8('other-slot'))).rejects.toBeInstanceOf(AuthError);
    await expect(unwrapDataKey(wrapped, await generateWrappingKey(), utf8('slot'))).rejects.toBeInstanceOf(
      AuthError,
    );
  });

  it('imports exported raw data keys and refuses wrong lengths', async () => {
    const dek = await generateDataKey();
    const raw = await exportRawKey(dek);
    const again = await importDataKey(raw);
    const sealed = await seal(dek, utf8('x'), utf8(''));
    expect(new TextDecoder().decode(await unseal(again, sealed, utf8('')))).toBe('x');
    await expect(importDataKey(new Uint8Array(16))).rejects.toThrow(RangeError);
  });
});
