/**
 * CryptoJS's `AES.encrypt(text, passphrase)` output, which is OpenSSL's "salted" format: base64 of
 * `"Salted__" | 8-byte salt | AES-256-CBC ciphertext`, key and IV from `EVP_BytesToKey` (MD5, one
 * round) over the UTF-8 passphrase and the salt. MD5 here is the legacy format's own key schedule,
 * not our choice; it is only ever used to read such files, never to write one.
 */
import { createMD5 } from 'hash-wasm';
import { type Bytes, utf8 } from '../../../crypto/bytes.ts';
import { openCbc } from './decrypt.ts';
import { base64Bytes } from './text-bytes.ts';

const MAGIC = utf8('Salted__');
const SALT_BYTES = 8;
const KEY_BYTES = 32;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;

/** Every such string starts this way: the base64 of "Salted__". */
export const SALTED_PREFIX = 'U2FsdGVkX1';

export const looksSalted = (value: unknown): value is string =>
  typeof value === 'string' && value.trimStart().startsWith(SALTED_PREFIX);

export interface Salted {
  salt: Bytes;
  ciphertext: Bytes;
}

/** The salt and ciphertext, or undefined when the text is not that format (damage, not a wrong key). */
export function parseSalted(value: unknown): Salted | undefined {
  const bytes = base64Bytes(value);
  const head = MAGIC.length + SALT_BYTES;
  if (!bytes || bytes.length < head + BLOCK_BYTES || (bytes.length - head) % BLOCK_BYTES !== 0) {
    return undefined;
  }
  if (!MAGIC.every((b, i) => bytes[i] === b)) return undefined;
  return { salt: bytes.slice(MAGIC.length, head), ciphertext: bytes.slice(head) };
}

/** OpenSSL's EVP_BytesToKey with MD5 and one round: D_i = MD5(D_{i-1} | passphrase | salt). */
async function bytesToKey(passphrase: Uint8Array, salt: Uint8Array): Promise<{ key: Bytes; iv: Bytes }> {
  const md5 = await createMD5();
  const out = new Uint8Array(KEY_BYTES + IV_BYTES);
  let previous = new Uint8Array(0);
  for (let filled = 0; filled < out.length; ) {
    md5.init();
    md5.update(previous);
    md5.update(passphrase);
    md5.update(salt);
    // Copied: the digest may be a view of the hasher's memory, which the next round reuses.
    previous = md5.digest('binary').slice();
    out.set(previous.subarray(0, out.length - filled), filled);
    filled += previous.length;
  }
  return { key: out.slice(0, KEY_BYTES), iv: out.slice(KEY_BYTES) };
}

/**
 * The plaintext, or undefined when the passphrase does not open it (the PKCS#7 padding is wrong).
 * A wrong passphrase still passes that check about once in 256 tries, so callers verify what
 * comes out (a password hash, JSON, a key's alphabet) before trusting it.
 */
export async function openSalted(sealed: Salted, passphrase: string): Promise<Bytes | undefined> {
  const { key, iv } = await bytesToKey(utf8(passphrase), sealed.salt);
  return openCbc(key, iv, sealed.ciphertext);
}
