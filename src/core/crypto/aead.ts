/**
 * AES-256-GCM with associated data, plus the key shapes the vault needs.
 *
 * Every seal draws a fresh random 96-bit IV: with one long-lived data key and at most a few million
 * writes over the vault's life, random IVs stay far below GCM's 2^32-message collision bound.
 */
import { type Bytes, randomBytes } from './bytes.ts';

export const IV_BYTES = 12;
export const KEY_BYTES = 32;

export interface Sealed {
  iv: Bytes;
  ct: Bytes;
}

/** GCM tag mismatch: wrong key, or ciphertext/IV/associated data changed. */
export class AuthError extends Error {
  constructor(message = 'authentication failed') {
    super(message);
    this.name = 'AuthError';
  }
}

function gcm(iv: Bytes, aad: Bytes): AesGcmParams {
  return { name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 };
}

function asAuthError(error: unknown): unknown {
  // WebCrypto reports a tag mismatch as OperationError; anything else (bad argument types) is a bug
  // or a malformed stored value, and callers decide how to classify it.
  return error instanceof Error && error.name === 'OperationError' ? new AuthError() : error;
}

export async function seal(key: CryptoKey, plaintext: Bytes, aad: Bytes): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ct = new Uint8Array(await crypto.subtle.encrypt(gcm(iv, aad), key, plaintext));
  return { iv, ct };
}

export async function unseal(key: CryptoKey, sealed: Sealed, aad: Bytes): Promise<Bytes> {
  try {
    return new Uint8Array(await crypto.subtle.decrypt(gcm(sealed.iv, aad), key, sealed.ct));
  } catch (error) {
    throw asAuthError(error);
  }
}

/**
 * The data key is extractable on purpose: it must be wrapped under key slots and exported to
 * session storage so a restarted service worker stays unlocked.
 */
export function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]) as Promise<CryptoKey>;
}

export async function importDataKey(raw: Bytes): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new RangeError(`data key must be ${KEY_BYTES} bytes`);
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, true, ['encrypt', 'decrypt']);
}

export async function exportRawKey(key: CryptoKey): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}

/**
 * Non-extractable: scripts cannot export it. That binds JavaScript only: Chromium stores the CryptoKey
 * in IndexedDB with its raw bytes, so a copy of the profile's files yields the key
 * (tests/e2e/profile-recovery.spec.ts).
 */
export function generateWrappingKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'wrapKey',
    'unwrapKey',
  ]) as Promise<CryptoKey>;
}

/** For password-derived key bytes; non-extractable so the KEK cannot leak back out. */
export function importWrappingKey(raw: Bytes): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new RangeError(`wrapping key must be ${KEY_BYTES} bytes`);
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['wrapKey', 'unwrapKey']);
}

/** wrapKey keeps the raw data key inside WebCrypto; the associated data binds the slot kind. */
export async function wrapDataKey(dataKey: CryptoKey, wrappingKey: CryptoKey, aad: Bytes): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ct = new Uint8Array(await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, gcm(iv, aad)));
  return { iv, ct };
}

export async function unwrapDataKey(sealed: Sealed, wrappingKey: CryptoKey, aad: Bytes): Promise<CryptoKey> {
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      sealed.ct,
      wrappingKey,
      gcm(sealed.iv, aad),
      { name: 'AES-GCM' },
      true,
      ['encrypt', 'decrypt'],
    );
  } catch (error) {
    throw asAuthError(error);
  }
}
