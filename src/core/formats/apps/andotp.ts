/**
 * andOTP's backups: a plain JSON array of entries, or that array sealed with AES-256-GCM in one of
 * two binary layouts with no magic or version at all:
 * - new (current andOTP): 4-byte big-endian PBKDF2 iteration count | 12-byte salt |
 *   12-byte nonce | ciphertext and tag; key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits);
 * - old: 12-byte nonce | ciphertext and tag; key = SHA-256(password).
 * Layouts and entry fields learnt from Aegis's `AndOtpImporter` (read, not copied).
 */
import { fromUtf8, utf8 } from '../../crypto/bytes.ts';
import { STEAM_PARAMS } from '../../otp/validate.ts';
import { ImportError, type ImportedEntries, type Importer, type ImportInput } from '../importer.ts';
import {
  algorithm,
  type Candidate,
  EntryCollector,
  EntrySkip,
  entryName,
  integer,
  isRecord,
  text,
  tryParseJson,
} from './shared/account-entry.ts';
import { openGcm, pbkdf2, sha256 } from './shared/decrypt.ts';

const APP = 'andOTP';
const COUNT_BYTES = 4;
const SALT_BYTES = 12;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const NEW_HEADER = COUNT_BYTES + SALT_BYTES + NONCE_BYTES;
/** The shortest sealed array, "[]". */
const MIN_PLAIN = 2;

/**
 * The most PBKDF2 iterations `read` will run: about 0.4 s here, six times the 160,000 andOTP picks
 * at most (Aegis allows up to 10 million, several seconds). A file asking for more is read as the
 * old layout only: its first four bytes are then a random nonce, not a count.
 */
const MAX_ITERATIONS = 1_000_000;
/** Far beyond any authenticator's backup; keeps the byte scan of `detect` cheap. */
const MAX_BINARY_BYTES = 16 * 1024 * 1024;

/*
 * Binary files other importers read or recognise, by their first bytes: a sealed andOTP backup is
 * never one of these, since it starts with a count or a random nonce.
 */
const OTHER_MAGIC: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // ZIP (Authenticator Plus, and every .zip)
  [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20], // "SQLite " (Google and Microsoft Authenticator, Stratum)
  [0xac, 0xed, 0x00, 0x05], // Java serialisation (FreeOTP 2's token store)
  [0x41, 0x55, 0x54, 0x48, 0x45, 0x4e, 0x54, 0x49], // "AUTHENTI…" (Stratum)
  [0x41, 0x75, 0x74, 0x68, 0x65, 0x6e, 0x74, 0x69], // "Authenti…" (Stratum's legacy backup)
  [0x1f, 0x8b], // gzip
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

const iterationsOf = (bytes: Uint8Array) =>
  (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;

function isText(bytes: Uint8Array): boolean {
  try {
    fromUtf8(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ciphertext looks like uniform random bytes: no byte value much above its expected share (looked
 * at over the first 4 KiB). Text in other encodings, images and documents fail this early.
 */
function looksRandom(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  const counts = new Uint32Array(256);
  for (const b of sample) counts[b] = (counts[b] ?? 0) + 1;
  const expected = sample.length / 256;
  const limit = expected + 6 * Math.sqrt(expected) + 8;
  return counts.every((count) => count <= limit);
}

/**
 * Neither layout has a mark to recognise it by: after the new layout's four-byte count, both are
 * indistinguishable from random bytes. So anything that looks like ciphertext and like no other
 * known binary is taken for a sealed andOTP backup (a plausible count alone is not asked for: a
 * font file starts with one). The registry should try this importer after every format that has
 * a signature of its own.
 */
function isSealed(bytes: Uint8Array): boolean {
  if (bytes.length < NONCE_BYTES + MIN_PLAIN + TAG_BYTES || bytes.length > MAX_BINARY_BYTES) return false;
  if (OTHER_MAGIC.some((magic) => startsWith(bytes, magic))) return false;
  return !isText(bytes) && looksRandom(bytes);
}

/** One entry shaped like andOTP's is enough: an odd one beside it is skipped by `read`, not fatal. */
function isEntryList(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    value.some(
      (entry) =>
        isRecord(entry) &&
        typeof entry.secret === 'string' &&
        typeof entry.type === 'string' &&
        'label' in entry,
    )
  );
}

function plainList(input: ImportInput): unknown[] | undefined {
  const json = tryParseJson(input.text);
  return isEntryList(json) ? json : undefined;
}

/** A key that opens the GCM seal is the right one, so what it opens must be the entry list. */
function decryptedList(plain: Uint8Array): unknown[] {
  let json: unknown;
  try {
    json = tryParseJson(fromUtf8(plain));
  } catch {
    json = undefined;
  }
  if (!Array.isArray(json))
    throw new ImportError('import-damaged', `This ${APP} backup decrypts to no entry list.`);
  return json;
}

async function decrypt(bytes: Uint8Array, password: string): Promise<unknown[]> {
  // Which layout it is cannot be known, so the one password is tried on both, new first.
  const iterations = iterationsOf(bytes);
  if (bytes.length >= NEW_HEADER + TAG_BYTES && iterations >= 1 && iterations <= MAX_ITERATIONS) {
    const salt = bytes.subarray(COUNT_BYTES, COUNT_BYTES + SALT_BYTES);
    const key = await pbkdf2(password, salt, iterations, 'SHA-1', 32);
    const nonce = bytes.subarray(COUNT_BYTES + SALT_BYTES, NEW_HEADER);
    const plain = await openGcm(key, nonce, bytes.subarray(NEW_HEADER));
    if (plain) return decryptedList(plain);
  }
  // The old layout's key is one unsalted hash of the password: andOTP's mistake, kept only to read.
  const key = await sha256(utf8(password));
  const plain = await openGcm(key, bytes.subarray(0, NONCE_BYTES), bytes.subarray(NONCE_BYTES));
  if (plain) return decryptedList(plain);
  // GCM cannot tell a wrong password from a changed byte, and the layouts carry no check of their own.
  throw new ImportError('import-wrong-password', `The password does not open this ${APP} backup.`);
}

const TYPES: Record<string, 'totp' | 'hotp' | 'steam'> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

/** Old backups have no issuer: their label reads "Issuer - name". */
function names(entry: Record<string, unknown>): { issuer: string; label: string } {
  if ('issuer' in entry) return { issuer: text(entry.issuer), label: text(entry.label) };
  const label = text(entry.label);
  const at = label.indexOf(' - ');
  // Aegis keeps only the second part of "a - b - c"; the rest is kept here, so nothing is lost.
  return at < 0 ? { issuer: '', label } : { issuer: label.slice(0, at), label: label.slice(at + 3) };
}

function candidate(entry: Record<string, unknown>): Candidate {
  const typeName = text(entry.type);
  const type = TYPES[typeName.toUpperCase()];
  if (!type)
    throw new EntrySkip('unsupported-type', `andOTP type "${typeName.slice(0, 32)}" is not supported.`);
  const base = { ...names(entry), secret: text(entry.secret) };
  if (type === 'steam') return { ...base, type, ...STEAM_PARAMS, counter: 0 };
  const algo = algorithm(entry.algorithm);
  const digits = integer(entry.digits, 6, 'number of digits');
  if (type === 'hotp') {
    return {
      ...base,
      type,
      algorithm: algo,
      digits,
      period: 30,
      counter: integer(entry.counter, 0, 'counter'),
    };
  }
  return { ...base, type, algorithm: algo, digits, period: integer(entry.period, 30, 'period'), counter: 0 };
}

function entries(list: unknown[]): ImportedEntries {
  const name = (entry: Record<string, unknown>) => {
    const { issuer, label } = names(entry);
    return entryName(issuer, label);
  };
  return new EntryCollector().addRecords(list, name, candidate).result(APP);
}

export const andotpImporter: Importer = {
  id: 'andotp',
  app: APP,
  detect(input) {
    if (plainList(input)) return 'plain';
    return isSealed(input.bytes) ? 'encrypted' : false;
  },
  async read(input, password) {
    const list = plainList(input);
    if (list) return entries(list);
    const json = tryParseJson(input.text);
    if (Array.isArray(json)) return entries(json);
    // Only what `detect` would call sealed is decrypted: a JSON file with a changed byte is damage.
    if (json !== undefined || !isSealed(input.bytes)) {
      throw new ImportError('import-damaged', `This ${APP} backup is cut off or damaged.`);
    }
    if (password === undefined) {
      throw new ImportError('import-wrong-password', `This ${APP} backup needs its password.`);
    }
    return entries(await decrypt(input.bytes, password));
  },
};
