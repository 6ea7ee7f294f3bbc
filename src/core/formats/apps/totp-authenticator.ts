/**
 * TOTP Authenticator (BinaryBoo, com.authenticator.authservice2), two files:
 * - its backup (`.bin`): base64 text of AES-256-CBC (PKCS#7) with key = SHA-256(password) and an
 *   all-zero IV; the plaintext is a JSON object whose first key is itself the JSON text of the
 *   entry list (its value is a timestamp);
 * - the app's own shared_prefs XML, whose string STATIC_TOTP_CODES_LIST holds that list in clear.
 * Entries carry `key` in the base their `base` names (16 in practice), `name` and `issuer`.
 * Learnt from Aegis's `TotpAuthenticatorImporter` (read, not copied).
 */
import { fromUtf8, utf8 } from '../../crypto/bytes.ts';
import { ImportError, type ImportedEntries, type Importer, type ImportInput } from '../importer.ts';
import {
  base32Of,
  type Candidate,
  EntryCollector,
  EntrySkip,
  entryName,
  integer,
  isRecord,
  text,
  tryParseJson,
} from './shared/account-entry.ts';
import { isSharedPrefs, sharedPrefsStrings } from './shared/android-shared-prefs.ts';
import { openCbc, sha256 } from './shared/decrypt.ts';
import { base64Bytes, hexBytes } from './shared/text-bytes.ts';

const APP = 'TOTP Authenticator';
const LIST_PREF = 'STATIC_TOTP_CODES_LIST';
const ZERO_IV = new Uint8Array(16);
/**
 * The password the app seals a backup with when the person set none (Aegis asks which it was).
 * It is tried after the one typed, so nobody needs to know which kind of backup they have.
 */
const DEFAULT_PASSWORD = 'TotpAuthenticator';
/** The shortest plausible backup: one entry's JSON is well over 64 bytes. */
const MIN_SEALED_BYTES = 64;

function isPrefs(input: ImportInput): boolean {
  return isSharedPrefs(input.text) && input.text.includes(`name="${LIST_PREF}"`);
}

/** Base64 with Android's padding, possibly wrapped; undefined if the text is anything else. */
function backupBase64(input: ImportInput): string | undefined {
  const compact = input.text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const bytes = (compact.length / 4) * 3 - (compact.length - compact.replace(/=+$/, '').length);
  if (bytes < MIN_SEALED_BYTES || bytes % 16 !== 0) return undefined;
  // A long base32 setup key is also valid base64; ciphertext in base64 has lower case or + and /.
  return /[a-z+/0189]/.test(compact) ? compact : undefined;
}

function listOf(json: string): unknown[] | undefined {
  const list = tryParseJson(json);
  return Array.isArray(list) ? list : undefined;
}

/** The entry list, or undefined when this key does not open it (CBC has no tag: padding decides). */
async function open(sealed: Uint8Array, password: string): Promise<unknown[] | 'no-list' | undefined> {
  const plain = await openCbc(await sha256(utf8(password)), ZERO_IV, sealed);
  if (!plain) return undefined;
  let outer: unknown;
  try {
    outer = tryParseJson(fromUtf8(plain));
  } catch {
    return undefined;
  }
  // A wrong key leaves valid padding one time in 256; its plaintext is then noise, not JSON.
  if (!isRecord(outer)) return undefined;
  const first = Object.keys(outer)[0];
  if (first === undefined) return [];
  return listOf(first) ?? 'no-list';
}

async function decrypt(base64: string, password: string | undefined): Promise<unknown[]> {
  const sealed = base64Bytes(base64);
  if (!sealed) throw new ImportError('import-damaged', `This ${APP} backup is not base64.`);
  for (const attempt of new Set([password ?? DEFAULT_PASSWORD, DEFAULT_PASSWORD])) {
    const list = await open(sealed, attempt);
    if (list === 'no-list')
      throw new ImportError('import-damaged', `This ${APP} backup holds no entry list.`);
    if (list) return list;
  }
  throw new ImportError('import-wrong-password', `The password does not open this ${APP} backup.`);
}

function secret(entry: Record<string, unknown>): string {
  const base = integer(entry.base, 16, 'secret encoding');
  const key = text(entry.key);
  if (base === 32) return key;
  if (base !== 16 && base !== 64)
    throw new EntrySkip('bad-secret', `Secrets in base ${base} are not supported.`);
  const bytes = base === 16 ? hexBytes(key) : base64Bytes(key);
  if (!bytes) throw new EntrySkip('bad-secret', `The secret is not base ${base}.`);
  return base32Of(bytes);
}

function candidate(entry: Record<string, unknown>): Candidate {
  // Entries carry "digits" and "period" (as strings), but Aegis reads every entry as TOTP SHA1/6/30
  // and its samples expect exactly that, so they are not read here either.
  return {
    type: 'totp',
    issuer: text(entry.issuer),
    label: text(entry.name),
    secret: secret(entry),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
}

function entries(list: unknown[]): ImportedEntries {
  return new EntryCollector()
    .addRecords(list, (entry) => entryName(text(entry.issuer), text(entry.name)), candidate)
    .result(APP);
}

export const totpAuthenticatorImporter: Importer = {
  id: 'totp-authenticator',
  app: APP,
  detect(input) {
    if (isPrefs(input)) return 'plain';
    return backupBase64(input) ? 'encrypted' : false;
  },
  async read(input, password) {
    if (isPrefs(input)) {
      const pref = sharedPrefsStrings(input.text).find((entry) => entry.name === LIST_PREF);
      const list = pref && listOf(pref.value);
      if (!list) throw new ImportError('import-damaged', `This ${APP} file's account list is not readable.`);
      return entries(list);
    }
    const base64 = backupBase64(input);
    if (!base64) throw new ImportError('import-damaged', `This ${APP} backup is cut off or damaged.`);
    return entries(await decrypt(base64, password));
  },
};
