/**
 * Stratum's backup (the app was called Authenticator Pro before): JSON `{ Authenticators: […],
 * Categories, … }`, plain or sealed. Sealed today: "AUTHENTICATORPRO" | 16-byte salt | 12-byte IV |
 * AES-256-GCM (tag at the end), key Argon2id(password, salt; t=3, m=64 MiB, p=4). Sealed before:
 * "AuthenticatorPro" | 20-byte salt | 16-byte IV | AES-256-CBC with PKCS#7, key
 * PBKDF2-HMAC-SHA1(password, salt, 64,000 iterations). Both KDFs' parameters are the app's constants,
 * not read from the file, so no file can make them cost more. Entry types: 1 HOTP, 2 TOTP, 3 mOTP,
 * 4 Steam, 5 Yandex; algorithms: 0 SHA1, 1 SHA256, 2 SHA512.
 * Learnt from Aegis's `StratumImporter` (read, not copied).
 */
import { argon2id } from 'hash-wasm';
import type { OtpAlgorithm, OtpType } from '../../account.ts';
import { type Bytes, fromUtf8, toBytes, utf8 } from '../../crypto/bytes.ts';
import { STEAM_PARAMS } from '../../otp/validate.ts';
import { ImportError, type ImportedEntries, type Importer } from '../importer.ts';
import {
  type Candidate,
  EntryCollector,
  EntrySkip,
  entryName,
  integer,
  isRecord,
  parseJsonOrDamaged,
  text,
  tryParseJson,
} from './shared/account-entry.ts';
import { openCbc, openGcm, pbkdf2 } from './shared/decrypt.ts';

const APP = 'Stratum (Authenticator Pro)';
const MAGIC = 'AUTHENTICATORPRO';
const LEGACY_MAGIC = 'AuthenticatorPro';
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const LEGACY_SALT_BYTES = 20;
const LEGACY_IV_BYTES = 16;
const LEGACY_ITERATIONS = 64_000;
const ARGON2 = { iterations: 3, memorySize: 64 * 1024, parallelism: 4 } as const;

const TYPES: Record<number, OtpType> = { 1: 'hotp', 2: 'totp', 4: 'steam' };
const UNSUPPORTED_TYPES: Record<number, string> = { 3: 'mOTP', 5: 'Yandex' };
const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

const damaged = (why: string) => new ImportError('import-damaged', `This ${APP} backup is damaged: ${why}.`);
const wrongPassword = () =>
  new ImportError('import-wrong-password', `That is not this ${APP} backup’s password.`);

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

function isBackup(value: unknown): value is { Authenticators: unknown[] } {
  return isRecord(value) && Array.isArray(value.Authenticators);
}

export const stratumImporter: Importer = {
  id: 'stratum',
  app: APP,

  detect(input) {
    if (startsWith(input.bytes, MAGIC) || startsWith(input.bytes, LEGACY_MAGIC)) return 'encrypted';
    return input.text.includes('"Authenticators"') && isBackup(tryParseJson(input.text)) ? 'plain' : false;
  },

  async read(input, password) {
    const { bytes } = input;
    const sealed = startsWith(bytes, MAGIC) || startsWith(bytes, LEGACY_MAGIC);
    if (sealed && password === undefined) {
      throw new ImportError('import-wrong-password', `This ${APP} backup needs its password.`);
    }
    let backup: unknown;
    if (startsWith(bytes, MAGIC)) backup = await openCurrent(bytes.subarray(MAGIC.length), password!);
    else if (startsWith(bytes, LEGACY_MAGIC))
      backup = await openLegacy(bytes.subarray(MAGIC.length), password!);
    else backup = parseJsonOrDamaged(input.text, APP);
    if (!isBackup(backup)) throw damaged('it has no list of authenticators');
    return entries(backup.Authenticators);
  },
};

async function openCurrent(rest: Uint8Array, password: string): Promise<unknown> {
  if (rest.length < SALT_BYTES + IV_BYTES + TAG_BYTES) throw damaged('it is cut off');
  const salt = rest.subarray(0, SALT_BYTES);
  const iv = rest.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES);
  const key = await argon2id({
    password: utf8(password),
    salt: toBytes(salt),
    ...ARGON2,
    hashLength: KEY_BYTES,
    outputType: 'binary',
  });
  const plain = await openGcm(key, iv, rest.subarray(SALT_BYTES + IV_BYTES));
  if (!plain) throw wrongPassword();
  // GCM vouches for these bytes: if they are not the JSON, the app wrote something else.
  const backup = jsonOf(plain);
  if (backup === undefined) throw damaged('its contents are not readable');
  return backup;
}

async function openLegacy(rest: Uint8Array, password: string): Promise<unknown> {
  const data = rest.subarray(LEGACY_SALT_BYTES + LEGACY_IV_BYTES);
  if (data.length === 0 || data.length % 16 !== 0) throw damaged('it is cut off');
  const key = await pbkdf2(
    password,
    rest.subarray(0, LEGACY_SALT_BYTES),
    LEGACY_ITERATIONS,
    'SHA-1',
    KEY_BYTES,
  );
  const plain = await openCbc(
    key,
    rest.subarray(LEGACY_SALT_BYTES, LEGACY_SALT_BYTES + LEGACY_IV_BYTES),
    data,
  );
  // CBC carries no check: a wrong key shows as bad padding, or rarely as garbage that is not JSON.
  const backup = plain && jsonOf(plain);
  if (backup === undefined) throw wrongPassword();
  return backup;
}

function jsonOf(plain: Bytes): unknown {
  try {
    return tryParseJson(fromUtf8(plain));
  } catch {
    return undefined;
  }
}

function entries(list: unknown[]): ImportedEntries {
  const collector = new EntryCollector();
  for (const item of list) {
    if (!isRecord(item)) {
      collector.skip('', 'bad-entry', 'This entry is not an object.');
      continue;
    }
    const issuer = text(item.Issuer);
    const label = text(item.Username);
    collector.add(entryName(issuer, label), () => candidate(item, issuer, label));
  }
  return collector.result(APP);
}

function candidate(item: Record<string, unknown>, issuer: string, label: string): Candidate {
  const code = integer(item.Type, -1, 'type');
  const type = TYPES[code];
  if (!type) {
    throw new EntrySkip(
      'unsupported-type',
      `${UNSUPPORTED_TYPES[code] ?? `Type ${code}`} codes are not supported.`,
    );
  }
  const secret = text(item.Secret);
  if (type === 'steam') return { type, issuer, label, secret, ...STEAM_PARAMS, counter: 0 };
  const algorithm = ALGORITHMS[integer(item.Algorithm, 0, 'algorithm')];
  if (!algorithm) throw new EntrySkip('unsupported-algorithm', 'The algorithm is not one Stratum names.');
  const digits = integer(item.Digits, 6, 'number of digits');
  if (type === 'hotp') {
    // Stratum keeps a period on HOTP entries too; it means nothing there, so a stray one cannot skip it.
    return {
      type,
      issuer,
      label,
      secret,
      algorithm,
      digits,
      period: 30,
      counter: integer(item.Counter, 0, 'counter'),
    };
  }
  return {
    type,
    issuer,
    label,
    secret,
    algorithm,
    digits,
    period: integer(item.Period, 30, 'period'),
    counter: 0,
  };
}
