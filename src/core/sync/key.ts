/**
 * The sync passphrase → the key every synced item is sealed under. The header item in
 * `storage.sync` carries the Argon2id parameters and salt (so another computer derives the same key)
 * and a key check (so a wrong passphrase is told apart from damage, and changes nothing).
 *
 * The key is the Argon2id output itself, imported for AES-GCM. It is kept on each computer sealed
 * under the vault's data key (`src/vault/sealed-meta.ts`); the vault's own keys never leave it.
 */
import { AuthError, exportRawKey, importDataKey, seal, unseal } from '../crypto/aead.ts';
import { fromBase64Url, toBase64Url } from '../crypto/base64url.ts';
import { type Bytes, utf8 } from '../crypto/bytes.ts';
import {
  type Argon2idParams,
  DEFAULT_KDF,
  deriveKek,
  type KdfSpec,
  newKdfSpec,
  parseKdfSpec,
} from '../crypto/kdf.ts';

export const HEADER_KEY = 'tw.h';
const FORMAT = 1;
const CHECK_TEXT = 'tweestap sync key check';

export interface SyncHeader {
  v: typeof FORMAT;
  /** Names the passphrase (its salt): items sealed under another one are told apart by it. */
  keyId: string;
  kdf: Argon2idParams;
  salt: string;
  /** base64url(iv ‖ AES-GCM(CHECK_TEXT)). */
  check: string;
}

const checkAad = (keyId: string) => utf8(`tweestap/sync/${FORMAT}/check/${keyId}`);

function keyIdOf(salt: Bytes): string {
  return [...salt.subarray(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function keyFor(passphrase: string, spec: KdfSpec): Promise<CryptoKey> {
  return importDataKey(await deriveKek(passphrase, spec));
}

/** A new passphrase: its header (to write) and key. */
export async function newSyncKey(
  passphrase: string,
  params: Argon2idParams = DEFAULT_KDF,
): Promise<{ header: SyncHeader; key: CryptoKey }> {
  const spec = newKdfSpec(params);
  const key = await keyFor(passphrase, spec);
  const keyId = keyIdOf(spec.salt);
  const sealed = await seal(key, utf8(CHECK_TEXT), checkAad(keyId));
  const check = new Uint8Array(sealed.iv.length + sealed.ct.length);
  check.set(sealed.iv);
  check.set(sealed.ct, sealed.iv.length);
  const { salt, ...kdf } = spec;
  return { header: { v: FORMAT, keyId, kdf, salt: toBase64Url(salt), check: toBase64Url(check) }, key };
}

/** The header as read from `storage.sync`, checked; undefined for anything else. */
export function parseSyncHeader(value: unknown): SyncHeader | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const h = value as Record<string, unknown>;
  if (h.v !== FORMAT || typeof h.salt !== 'string' || typeof h.check !== 'string') return undefined;
  const salt = fromBase64Url(h.salt);
  const check = fromBase64Url(h.check);
  if (!salt || !check || check.length < 12 + 16) return undefined;
  const spec = parseKdfSpec({ ...(h.kdf as object), salt });
  if (!spec || h.keyId !== keyIdOf(salt)) return undefined;
  const { salt: _salt, ...kdf } = spec;
  return { v: FORMAT, keyId: h.keyId, kdf, salt: h.salt, check: h.check };
}

/** The key for this header, or undefined when the passphrase is not the one it was made with. */
export async function keyFromPassphrase(
  passphrase: string,
  header: SyncHeader,
): Promise<CryptoKey | undefined> {
  const salt = fromBase64Url(header.salt)!;
  const key = await keyFor(passphrase, { ...header.kdf, salt });
  return (await checksOut(key, header)) ? key : undefined;
}

/** Whether a key kept on this computer still opens this header (the passphrase may have changed). */
export async function checksOut(key: CryptoKey, header: SyncHeader): Promise<boolean> {
  const check = fromBase64Url(header.check)!;
  try {
    await unseal(key, { iv: check.subarray(0, 12), ct: check.subarray(12) }, checkAad(header.keyId));
    return true;
  } catch (error) {
    if (error instanceof AuthError) return false;
    throw error;
  }
}

export const exportSyncKey = async (key: CryptoKey) => toBase64Url(await exportRawKey(key));

export async function importSyncKey(raw: string): Promise<CryptoKey | undefined> {
  const bytes = fromBase64Url(raw);
  return bytes?.length === 32 ? importDataKey(bytes) : undefined;
}
