/**
 * The ciphers and key derivations other apps seal their exports with, over WebCrypto and hash-wasm.
 * Every opener returns undefined when the key does not open the data (a wrong password, mostly),
 * so the importer decides whether that means a wrong password or a damaged file. Lengths are
 * checked before WebCrypto sees them, so a malformed file never reaches it with odd arguments.
 */
import { scrypt } from 'hash-wasm';
import { type Bytes, toBytes, utf8 } from '../../../crypto/bytes.ts';

const GCM_TAG_BYTES = 16;
const AES_BLOCK_BYTES = 16;

/** Raw bytes as an AES key; 16, 24 or 32 bytes. */
function aesKey(raw: Uint8Array, name: 'AES-GCM' | 'AES-CBC'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', toBytes(raw), name, false, ['decrypt']);
}

const isAesKeyLength = (raw: Uint8Array) => raw.length === 16 || raw.length === 24 || raw.length === 32;

/** AES-GCM with a 128-bit tag at the end of `sealed`. */
export async function openGcm(
  raw: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
): Promise<Bytes | undefined> {
  if (!isAesKeyLength(raw) || nonce.length < 1 || sealed.length < GCM_TAG_BYTES) return undefined;
  try {
    const key = await aesKey(raw, 'AES-GCM');
    const params: AesGcmParams = { name: 'AES-GCM', iv: toBytes(nonce), tagLength: 128 };
    return new Uint8Array(await crypto.subtle.decrypt(params, key, toBytes(sealed)));
  } catch {
    return undefined;
  }
}

/** AES-CBC with PKCS#7 padding (WebCrypto checks it). */
export async function openCbc(
  raw: Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
): Promise<Bytes | undefined> {
  if (!isAesKeyLength(raw) || iv.length !== AES_BLOCK_BYTES) return undefined;
  if (sealed.length === 0 || sealed.length % AES_BLOCK_BYTES !== 0) return undefined;
  try {
    const key = await aesKey(raw, 'AES-CBC');
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv: toBytes(iv) }, key, toBytes(sealed)),
    );
  } catch {
    return undefined;
  }
}

export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', toBytes(data)));
}

/**
 * The caller caps `iterations` (each app has its own sane maximum); the password is used as
 * UTF-8, as the apps' Java and Kotlin code encodes it, without normalising.
 */
export async function pbkdf2(
  password: string,
  salt: Uint8Array,
  iterations: number,
  hash: 'SHA-1' | 'SHA-256',
  bytes: number,
): Promise<Bytes> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash, salt: toBytes(salt), iterations },
    base,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

/** scrypt; the caller caps N, r and p before calling. */
export async function scryptKey(
  password: string,
  salt: Uint8Array,
  params: { n: number; r: number; p: number },
  bytes: number,
): Promise<Bytes> {
  const out = await scrypt({
    password: utf8(password),
    salt: toBytes(salt),
    costFactor: params.n,
    blockSize: params.r,
    parallelism: params.p,
    hashLength: bytes,
    outputType: 'binary',
  });
  return toBytes(out);
}
