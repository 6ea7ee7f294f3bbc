/**
 * FreeOTP 2's encrypted backup (`externalBackup.xml`, despite the name a Java-serialized
 * HashMap<String, String>, see `java-string-map.ts`):
 * - "masterKey": JSON {mAlgorithm "PBKDF2withHmacSHA1|SHA512", mIterations, mSalt, mEncryptedKey};
 *   PBKDF2(password) gives a 256-bit key that opens mEncryptedKey, the AES master key;
 * - "<uuid>": JSON {key: a JSON string of an encrypted key}, the token's secret sealed with the
 *   master key;
 * - "<uuid>-token": the token's JSON without its secret (issuer, label, algo, digits…).
 * An encrypted key is {mCipher "AES/GCM/NoPadding", mCipherText (tag appended), mParameters (DER
 * of the GCM parameters: the nonce, with or without the tag length, by Android version), mToken};
 * mToken, as UTF-8, is the associated data.
 */
import { type Bytes, toBytes, utf8 } from '../../../crypto/bytes.ts';
import { ImportError } from '../../importer.ts';
import { isRecord, signedBytes, text, tryParseJson } from './account-entry.ts';
import { JavaStreamError, parseJavaStringMap } from './java-string-map.ts';

const APP = 'FreeOTP';

/**
 * FreeOTP writes 100,000 iterations. Ten times that still derives in about half a second; more
 * is refused so a doctored file cannot freeze the page.
 */
export const MAX_PBKDF2_ITERATIONS = 1_000_000;

const HASHES: Record<string, 'SHA-1' | 'SHA-256' | 'SHA-512'> = {
  pbkdf2withhmacsha1: 'SHA-1',
  pbkdf2withhmacsha256: 'SHA-256',
  pbkdf2withhmacsha512: 'SHA-512',
};

interface Sealed {
  cipherText: Bytes;
  nonce: Bytes;
  tagBits: number;
  aad: Bytes;
}

export interface V2Token {
  /** The token's metadata JSON (no secret). */
  token: Record<string, unknown>;
  /** The raw secret, or why it could not be had. */
  secret: Uint8Array | { problem: string };
}

const damaged = (detail: string) =>
  new ImportError('import-damaged', `This ${APP} backup is damaged: ${detail}`);

/** DER: OCTET STRING nonce, or SEQUENCE { OCTET STRING nonce, INTEGER tag length in bytes }. */
function gcmParameters(der: Uint8Array): { nonce: Bytes; tagBits: number } | undefined {
  const tag = der[0];
  const length = der[1];
  if (tag === undefined || length === undefined || length >= 0x80 || 2 + length > der.length)
    return undefined;
  // A bare OCTET STRING reads as a sequence of one element.
  if (tag === 0x04) return gcmElements(der.subarray(0, 2 + length));
  if (tag === 0x30) return gcmElements(der.subarray(2, 2 + length));
  return undefined;
}

function gcmElements(der: Uint8Array): { nonce: Bytes; tagBits: number } | undefined {
  let nonce: Bytes | undefined;
  let tagBits = 128;
  let pos = 0;
  while (pos < der.length) {
    const tag = der[pos];
    const length = der[pos + 1];
    if (tag === undefined || length === undefined || length >= 0x80 || pos + 2 + length > der.length) {
      return undefined;
    }
    const value = der.subarray(pos + 2, pos + 2 + length);
    pos += 2 + length;
    if (tag === 0x04 && nonce === undefined) nonce = toBytes(value);
    else if (tag === 0x02 && length === 1) tagBits = value[0]! * 8;
  }
  // WebCrypto's GCM tag lengths from 96 bits up (shorter ones are unsafe and Android never writes them).
  if (!nonce || nonce.length === 0 || ![96, 104, 112, 120, 128].includes(tagBits)) return undefined;
  return { nonce, tagBits };
}

function sealedKey(value: unknown): Sealed | undefined {
  if (!isRecord(value) || text(value.mCipher).toUpperCase() !== 'AES/GCM/NOPADDING') return undefined;
  const cipherText = signedBytes(value.mCipherText);
  const der = signedBytes(value.mParameters);
  const params = der && gcmParameters(der);
  if (!cipherText || !params || cipherText.length < params.tagBits / 8) return undefined;
  return { cipherText: toBytes(cipherText), ...params, aad: utf8(text(value.mToken)) };
}

/** Undefined when the tag does not match: wrong key, or the bytes were changed. */
async function open(key: CryptoKey, sealed: Sealed): Promise<Bytes | undefined> {
  try {
    const params: AesGcmParams = {
      name: 'AES-GCM',
      iv: sealed.nonce,
      additionalData: sealed.aad,
      tagLength: sealed.tagBits,
    };
    return new Uint8Array(await crypto.subtle.decrypt(params, key, sealed.cipherText));
  } catch {
    return undefined;
  }
}

const aesKey = (raw: Bytes) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
const isAesKeyLength = (raw: Uint8Array) => raw.length === 16 || raw.length === 24 || raw.length === 32;

async function masterKey(json: unknown, password: string): Promise<CryptoKey> {
  if (!isRecord(json)) throw damaged('the master key is missing.');
  const hash = HASHES[text(json.mAlgorithm).toLowerCase()];
  if (!hash) {
    throw new ImportError(
      'import-unsupported-version',
      `This ${APP} backup uses a key derivation we do not know.`,
    );
  }
  const iterations = json.mIterations;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1) {
    throw damaged('its key derivation settings are unreadable.');
  }
  if (iterations > MAX_PBKDF2_ITERATIONS) {
    throw damaged(`it asks for ${iterations} PBKDF2 rounds, far more than FreeOTP uses.`);
  }
  const salt = signedBytes(json.mSalt);
  const sealed = sealedKey(json.mEncryptedKey);
  if (!salt || salt.length === 0 || !sealed) throw damaged('the master key is unreadable.');
  let passwordKey: CryptoKey;
  try {
    const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
    const params = { name: 'PBKDF2', hash, salt: toBytes(salt), iterations };
    passwordKey = await aesKey(new Uint8Array(await crypto.subtle.deriveBits(params, base, 256)));
  } catch {
    throw damaged('its key could not be derived.');
  }
  const raw = await open(passwordKey, sealed);
  if (!raw) throw new ImportError('import-wrong-password', `The password does not open this ${APP} backup.`);
  if (!isAesKeyLength(raw)) throw damaged('the master key has an impossible length.');
  return aesKey(raw);
}

/** Every token of the backup, with its secret opened; a token whose secret will not open says why. */
export async function readFreeOtpV2(bytes: Uint8Array, password: string | undefined): Promise<V2Token[]> {
  let map: Map<string, string>;
  try {
    map = parseJavaStringMap(bytes);
  } catch (error) {
    if (error instanceof JavaStreamError) throw damaged(error.message);
    throw error;
  }
  const master = map.get('masterKey');
  if (master === undefined) throw damaged('the master key is missing.');
  if (password === undefined) {
    throw new ImportError('import-wrong-password', `This ${APP} backup needs its password.`);
  }
  const key = await masterKey(tryParseJson(master), password);
  const tokens: V2Token[] = [];
  for (const [name, value] of map) {
    if (!name.endsWith('-token')) continue;
    const token = tryParseJson(value);
    const id = name.slice(0, -'-token'.length);
    if (!isRecord(token)) {
      tokens.push({ token: {}, secret: { problem: 'Its details are unreadable.' } });
      continue;
    }
    const wrapper = tryParseJson(map.get(id) ?? '');
    const sealed = sealedKey(isRecord(wrapper) ? tryParseJson(text(wrapper.key)) : undefined);
    const secret = sealed && (await open(key, sealed));
    tokens.push({ token, secret: secret ?? { problem: 'Its secret key is missing or damaged.' } });
  }
  return tokens;
}
