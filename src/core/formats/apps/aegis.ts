/**
 * Aegis Authenticator's vault export: `{ version: 1, header: { slots, params }, db }`. Plain, `db` is
 * the vault object; encrypted, `db` is base64 of AES-256-GCM under a random master key, and each
 * password slot (type 1) holds that key sealed under scrypt(password, slot's N/r/p/salt). Nonces,
 * tags, salts and sealed keys are hex, and every tag is stored apart from its ciphertext.
 * Format learnt from Aegis's `VaultFile`, `PasswordSlot`, `Vault` and `OtpInfo` (read, not copied).
 */
import { fromUtf8 } from '../../crypto/bytes.ts';
import { STEAM_PARAMS } from '../../otp/validate.ts';
import { ImportError, type ImportedEntries, type Importer } from '../importer.ts';
import {
  algorithm,
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
import { openGcm, scryptKey } from './shared/decrypt.ts';
import { base64Bytes, hexBytes } from './shared/text-bytes.ts';

const APP = 'Aegis';
/** The file's own version (`VaultFile.VERSION`); Aegis refuses newer ones too. */
const FILE_VERSION = 1;
/** The vault inside (`Vault.VERSION`): 2 added icons' MIME types, 3 turned group names into a list. */
const DB_VERSION = 3;
const SLOT_PASSWORD = 1;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/*
 * Caps for scrypt parameters read from the file, so a hostile one cannot freeze or exhaust the page.
 * Aegis has always written N = 2^15, r = 8, p = 1 (about 0.2 s, 32 MiB here). A slot may cost at
 * most four times that (N·r·p ≤ 2^20, under 1 s), use at most 128 MiB (128·N·r bytes), and all the
 * slots tried for one file share that same work budget, so a file with many slots costs no more.
 */
const MAX_SCRYPT_WORK = 2 ** 20;
const MAX_SCRYPT_MEMORY = 128 * 1024 * 1024;

interface VaultFile {
  version: unknown;
  header: Record<string, unknown>;
  db: unknown;
}

interface PasswordSlot {
  n: number;
  r: number;
  p: number;
  salt: Uint8Array;
  sealed: Uint8Array;
  nonce: Uint8Array;
}

const damaged = (why: string) => new ImportError('import-damaged', `This ${APP} export is damaged: ${why}.`);

function isVaultFile(value: unknown): value is VaultFile & Record<string, unknown> {
  return (
    isRecord(value) &&
    'version' in value &&
    isRecord(value.header) &&
    (typeof value.db === 'string' || isRecord(value.db))
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Nonce and tag of one sealed value (`CryptParameters`). */
function cryptParams(value: unknown): { nonce: Uint8Array; tag: Uint8Array } | undefined {
  if (!isRecord(value)) return undefined;
  const nonce = hexBytes(value.nonce);
  const tag = hexBytes(value.tag);
  if (nonce?.length !== NONCE_BYTES || tag?.length !== TAG_BYTES) return undefined;
  return { nonce, tag };
}

const isPowerOfTwo = (n: number) => Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** 'over-cap' for a well-formed slot that costs more than we allow; undefined for a malformed one. */
function passwordSlot(value: unknown): PasswordSlot | 'over-cap' | undefined {
  if (!isRecord(value) || value.type !== SLOT_PASSWORD) return undefined;
  const { n, r, p } = value;
  const sealed = hexBytes(value.key);
  const salt = hexBytes(value.salt);
  const params = cryptParams(value.key_params);
  if (sealed?.length !== KEY_BYTES || !salt || salt.length === 0 || !params) return undefined;
  if (typeof n !== 'number' || !isPowerOfTwo(n) || n > 2 ** 30) return undefined;
  if (!Number.isSafeInteger(r) || !Number.isSafeInteger(p) || (r as number) < 1 || (p as number) < 1)
    return undefined;
  const [ri, pi] = [r as number, p as number];
  if (n * ri * pi > MAX_SCRYPT_WORK || 128 * n * ri > MAX_SCRYPT_MEMORY) return 'over-cap';
  return { n, r: ri, p: pi, salt, sealed: concat(sealed, params.tag), nonce: params.nonce };
}

/** The master key, from the first password slot the password opens. */
async function masterKey(slots: unknown[], password: string): Promise<Uint8Array> {
  const usable: PasswordSlot[] = [];
  let overCap = false;
  for (const value of slots) {
    const slot = passwordSlot(value);
    if (slot === 'over-cap') overCap = true;
    else if (slot) usable.push(slot);
  }
  if (usable.length === 0) {
    if (overCap) {
      throw new ImportError(
        'import-unsupported-version',
        `This ${APP} export asks for a far slower password check than Aegis makes; it is not read.`,
      );
    }
    throw damaged('it has no password slot');
  }
  let budget = MAX_SCRYPT_WORK;
  for (const slot of usable) {
    const work = slot.n * slot.r * slot.p;
    if (work > budget) break;
    budget -= work;
    // Early Aegis versions derived another key from passwords over 64 bytes (Aegis issue #95); a slot
    // Aegis has not "repaired" since opens in Aegis only, and reads here as a wrong password.
    const key = await scryptKey(password, slot.salt, slot, KEY_BYTES);
    const master = await openGcm(key, slot.nonce, slot.sealed);
    if (master?.length === KEY_BYTES) return master;
  }
  throw new ImportError('import-wrong-password', `The password does not open this ${APP} export.`);
}

async function decryptDb(file: VaultFile, password: string | undefined): Promise<unknown> {
  const { slots } = file.header;
  const params = cryptParams(file.header.params);
  if (!Array.isArray(slots) || !params) throw damaged('its header is incomplete');
  const sealed = base64Bytes(file.db);
  if (!sealed) throw damaged('the vault is not base64');
  if (password === undefined) {
    throw new ImportError('import-wrong-password', `This ${APP} export needs its password.`);
  }
  const master = await masterKey(slots, password);
  // The slot's tag already proved the password, so a vault that does not open was changed.
  const plain = await openGcm(master, params.nonce, concat(sealed, params.tag));
  if (!plain) throw damaged('the vault does not decrypt');
  let text: string;
  try {
    text = fromUtf8(plain);
  } catch {
    throw damaged('the vault is not text');
  }
  const db = tryParseJson(text);
  if (!isRecord(db)) throw damaged('the vault is not JSON');
  return db;
}

const AEGIS_TYPES = new Set(['totp', 'hotp', 'steam']);

function candidate(entry: Record<string, unknown>): Candidate {
  const type = text(entry.type);
  if (!AEGIS_TYPES.has(type)) {
    // Yandex and mOTP (and anything newer) make codes with their own PIN-based protocols.
    throw new EntrySkip('unsupported-type', `Aegis type "${type.slice(0, 32)}" is not TOTP, HOTP or Steam.`);
  }
  const info = entry.info;
  if (!isRecord(info)) throw new EntrySkip('bad-entry', 'The entry has no OTP details.');
  const base = {
    issuer: text(entry.issuer),
    label: text(entry.name),
    secret: text(info.secret),
    notes: text(entry.note),
  };
  if (type === 'steam') return { ...base, type, ...STEAM_PARAMS, counter: 0 };
  // Aegis once let a TOTP or HOTP entry be set to MD5 by mistake, and reads that back as SHA1
  // (`OtpInfo.fromJson`), so SHA1 codes are what the person saw: keep them.
  const algo = /^(hmac)?md5$/i.test(text(info.algo)) ? 'SHA1' : algorithm(info.algo);
  const digits = integer(info.digits, 6, 'number of digits');
  if (type === 'hotp') {
    return {
      ...base,
      type,
      algorithm: algo,
      digits,
      period: 30,
      counter: integer(info.counter, 0, 'counter'),
    };
  }
  return {
    ...base,
    type: 'totp',
    algorithm: algo,
    digits,
    period: integer(info.period, 30, 'period'),
    counter: 0,
  };
}

function entries(db: unknown): ImportedEntries {
  if (!isRecord(db)) throw damaged('the vault is missing');
  const version = db.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw damaged('the vault has no version');
  }
  if (version > DB_VERSION) {
    throw new ImportError(
      'import-unsupported-version',
      `This ${APP} vault (version ${version}) is newer than we read.`,
    );
  }
  if (!Array.isArray(db.entries)) throw damaged('the vault has no entry list');
  return new EntryCollector()
    .addRecords(db.entries, (entry) => entryName(text(entry.issuer), text(entry.name)), candidate)
    .result(APP);
}

export const aegisImporter: Importer = {
  id: 'aegis',
  app: APP,
  detect(input) {
    const json = tryParseJson(input.text);
    if (!isVaultFile(json)) return false;
    return typeof json.db === 'string' ? 'encrypted' : 'plain';
  },
  async read(input, password) {
    const file = parseJsonOrDamaged(input.text, APP);
    if (!isVaultFile(file)) throw damaged('it is not an Aegis vault file');
    const { version } = file;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
      throw damaged('it has no version');
    }
    if (version > FILE_VERSION) {
      throw new ImportError(
        'import-unsupported-version',
        `This ${APP} export (version ${version}) is newer than we read.`,
      );
    }
    // As Aegis decides: a header with neither slots nor parameters means the vault is in clear.
    const clear = file.header.slots == null && file.header.params == null;
    if (clear !== isRecord(file.db)) throw damaged('its header and vault disagree');
    return entries(clear ? file.db : await decryptDb(file, password));
  },
};
