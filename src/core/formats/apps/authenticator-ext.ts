/**
 * The "Authenticator" browser extension (authenticator.cc): its JSON backups, plain or encrypted in
 * the three layouts it has written (format notes: ../shared/fixtures/importers/AUTHENTICATOR_EXT_FORMAT.md):
 * - v8: each entry a CryptoJS-sealed record (`EncOTPStorage`) under a passphrase derived from the
 *   password with Argon2id, checked by the `Key` record's PHC string;
 * - v7 and older ("v2" key): only `secret` sealed, under a random data key that the password unseals
 *   (`key: {enc, hash}`, or `enc`/`hash` at the top level after upstream bug #557);
 * - v1: each `secret` sealed directly with the password, with no password check at all.
 * Its text backup (`authenticator.txt`) is a plain otpauth list: the otpauth-list importer reads it,
 * since nothing in it tells it apart from any other app's list.
 */
import type { OtpAlgorithm } from '../../account.ts';
import { fromUtf8, utf8 } from '../../crypto/bytes.ts';
import { STEAM_PARAMS } from '../../otp/validate.ts';
import { toBase64 } from '../base64.ts';
import { ImportError, type Importer, type ImportInput } from '../importer.ts';
import {
  algorithm,
  base32Of,
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
import { argon2idRaw, parsePhc, verifyPhc } from './shared/argon2-phc.ts';
import { looksSalted, openSalted, parseSalted } from './shared/openssl-evp.ts';
import { hexBytes } from './shared/text-bytes.ts';

const APP = 'Authenticator extension';

type Json = Record<string, unknown>;

/** The v8 key derivation is fixed in the extension's code, not read from the file. */
const V8_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;
const V8_PASSPHRASE_BYTES = 32;
const KEY_VERSION = 3;
/**
 * Each key costs two Argon2id runs (the fixed derivation, about 70 ms, and the check, at most about
 * 130 ms by PHC_CAPS); more than one key comes only from sync conflicts. Past this many, a crafted
 * file would only be buying our time (here at most about 0.6 s), so the rest of its entries are skipped.
 */
const MAX_KEYS = 3;
/** Upstream's own test for a v1 secret that decrypted: a real key is at least 8 characters. */
const V1_SECRET = /^(?:(?:blz-|bliz-|stm-)?[a-z2-7=\s-]{8,}|[0-9a-f\s]{8,})$/i;
/** Top-level entries of a storage dump that are settings, not accounts. */
const NOT_ENTRIES = new Set(['UserSettings', 'LocalStorage']);

interface Layout {
  /** Records with their secret in the clear or sealed on its own (v7 and older). */
  records: Json[];
  /** v8 sealed records. */
  envelopes: Json[];
  keys: Map<string, Json>;
  /** The v7-and-older data key, sealed with the password. */
  oldKey?: { enc: unknown; hash: unknown };
}

const isEntryLike = (v: Json) =>
  ['secret', 'data', 'dataType', 'hash', 'index', 'type', 'encrypted'].some((field) => field in v);

/** The file as the extension's record map, or undefined when it is not one (never throws). */
function layoutOf(value: unknown): Layout | undefined {
  if (!isRecord(value)) return undefined;
  const layout: Layout = { records: [], envelopes: [], keys: new Map() };
  let rootEnc: unknown;
  let rootHash: unknown;
  for (const [id, entry] of Object.entries(value)) {
    if ((id === 'enc' || id === 'hash') && typeof entry === 'string') {
      if (id === 'enc') rootEnc = entry;
      else rootHash = entry;
      continue;
    }
    if (!isRecord(entry)) return undefined;
    if (id === 'key' && 'enc' in entry) layout.oldKey = { enc: entry.enc, hash: entry.hash };
    else if (entry.dataType === 'Key') layout.keys.set(text(entry.id) || id, entry);
    else if (entry.dataType === 'EncOTPStorage') layout.envelopes.push(entry);
    else if ('secret' in entry) layout.records.push(entry);
    else if (!NOT_ENTRIES.has(id) && !isEntryLike(entry)) return undefined;
  }
  if (rootEnc !== undefined) layout.oldKey ??= { enc: rootEnc, hash: rootHash };
  return layout.records.length + layout.envelopes.length > 0 ? layout : undefined;
}

const isEncrypted = (layout: Layout) =>
  layout.envelopes.length > 0 || layout.records.some((record) => looksSalted(record.secret));

const damaged = (why: string) => new ImportError('import-damaged', `This ${APP} backup is damaged: ${why}.`);

// --- types, algorithms, secrets ---

type ExtType = 'totp' | 'hotp' | 'battle' | 'steam' | 'hex' | 'hhex';
const TYPES: readonly ExtType[] = ['totp', 'hotp', 'battle', 'steam', 'hex', 'hhex'];

/** Names as the extension writes them; its enum's numbers (1 = totp … 6 = hhex) as older data may hold. */
function typeOf(value: unknown): ExtType {
  if (value === undefined || value === null || value === '') return 'totp';
  const found =
    typeof value === 'number'
      ? TYPES[value - 1]
      : // Only a string is compared: String() of a hostile nested array recurses until the stack ends.
        typeof value === 'string'
        ? TYPES.find((type) => type === value.toLowerCase())
        : undefined;
  if (!found) {
    const shown = typeof value === 'string' ? value.slice(0, 32) : typeof value;
    throw new EntrySkip('unsupported-type', `The kind of code "${shown}" is not one Tweestap makes.`);
  }
  return found;
}

/** Its enum: 1 SHA1, 2 SHA256, 3 SHA512, 4 and 5 the GOST hashes, which we do not make codes with. */
function algorithmOf(value: unknown): OtpAlgorithm {
  if (typeof value !== 'number') return algorithm(value);
  const found = (['SHA1', 'SHA256', 'SHA512'] as const)[value - 1];
  if (!found) throw new EntrySkip('unsupported-algorithm', `The algorithm number ${value} is not supported.`);
  return found;
}

/**
 * A hex key as the extension reads it: an odd length loses a final '0' or gains one, so the codes
 * stay the ones it showed.
 */
function hexSecret(secret: string): string {
  let hex = secret.replace(/\s/g, '');
  if (hex.length % 2 === 1) hex = hex.endsWith('0') ? hex.slice(0, -1) : `${hex}0`;
  const bytes = hexBytes(hex);
  if (!bytes) throw new EntrySkip('bad-secret', 'The secret key is not hexadecimal, as its kind says.');
  return base32Of(bytes);
}

/** One record, with the extension's own repairs of old data (prefixes, hex keys typed as TOTP). */
function candidate(record: Json): Candidate {
  let type = typeOf(record.type);
  if (typeof record.secret !== 'string' || record.secret.trim() === '') {
    throw new EntrySkip('bad-secret', 'The secret key is missing.');
  }
  let secret = record.secret.trim();
  const prefix = /^(blz-|bliz-|stm-)/i.exec(secret)?.[1];
  if (prefix) {
    secret = secret.slice(prefix.length);
    type = prefix.toLowerCase() === 'stm-' ? 'steam' : 'battle';
  }
  if (!/^[a-z2-7]+=*$/i.test(secret) && /^[0-9a-f]+$/i.test(secret)) {
    if (type === 'totp') type = 'hex';
    else if (type === 'hotp') type = 'hhex';
  }
  const issuer = text(record.issuer);
  const label = text(record.account);
  if (type === 'steam') return { type, issuer, label, secret, ...STEAM_PARAMS, counter: 0 };
  const algo = algorithmOf(record.algorithm);
  // The extension reads 0 and absent alike as its defaults.
  const digits = integer(record.digits, 0, 'number of digits') || 6;
  const period = Math.max(integer(record.period, 0, 'period'), 0) || 30;
  if (type === 'hotp' || type === 'hhex') {
    const counter = integer(record.counter, 0, 'counter');
    const key = type === 'hhex' ? hexSecret(secret) : secret;
    return { type: 'hotp', issuer, label, secret: key, algorithm: algo, digits, period: 30, counter };
  }
  // Battle.net's codes are plain TOTP with 8 digits, whatever the record says.
  const key = type === 'hex' ? hexSecret(secret) : secret;
  return {
    type: 'totp',
    issuer,
    label,
    secret: key,
    algorithm: algo,
    digits: type === 'battle' ? 8 : digits,
    period,
    counter: 0,
  };
}

// --- unlocking ---

/** A key the password does not open gives undefined; a key that cannot be read fails the file. */
async function v8Passphrase(key: Json, password: string): Promise<string | undefined> {
  if (key.version !== KEY_VERSION) {
    if (typeof key.version === 'number' && key.version > KEY_VERSION) {
      throw new ImportError(
        'import-unsupported-version',
        `This ${APP} backup uses key version ${key.version}, newer than Tweestap reads.`,
      );
    }
    throw damaged('a key record has no known version');
  }
  const salt = utf8(text(key.salt));
  if (salt.length < 8 || salt.length > 1024) throw damaged('a key record has no usable salt');
  const check = parsePhc(key.hash);
  if (!check) throw damaged('a key record has no usable password check');
  const raw = await argon2idRaw(utf8(password), salt, V8_KDF, V8_PASSPHRASE_BYTES);
  // The passphrase is the hash's base64 text itself, as argon2-browser encodes it (no padding).
  const passphrase = toBase64(raw).replace(/=+$/, '');
  return (await verifyPhc(check, passphrase)) ? passphrase : undefined;
}

/** The v7 data key: the lowercase hex of the bytes the password unseals, checked by its hash. */
async function v2Passphrase(
  oldKey: NonNullable<Layout['oldKey']>,
  password: string,
): Promise<string | undefined> {
  const sealed = parseSalted(oldKey.enc);
  const check = parsePhc(oldKey.hash);
  if (!sealed || !check) throw damaged('its data key or the key check cannot be read');
  const bytes = await openSalted(sealed, password);
  if (!bytes || bytes.length === 0) return undefined;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return (await verifyPhc(check, hex)) ? hex : undefined;
}

async function openText(sealedText: unknown, passphrase: string): Promise<string | undefined> {
  const sealed = parseSalted(sealedText);
  const bytes = sealed && (await openSalted(sealed, passphrase));
  if (!bytes) return undefined;
  try {
    return fromUtf8(bytes);
  } catch {
    return undefined;
  }
}

interface Opened {
  records: Json[];
  collector: EntryCollector;
  /** Entries the password opened, and entries it could not open (so perhaps the wrong password). */
  opened: number;
  locked: number;
}

async function openEnvelopes(layout: Layout, password: string, out: Opened): Promise<void> {
  const passphrases = new Map<string, string | undefined>();
  for (const envelope of layout.envelopes) {
    const keyId = text(envelope.keyId);
    const key = layout.keys.get(keyId);
    if (!key) {
      out.collector.skip('', 'bad-entry', 'The key this entry was encrypted with is not in the file.');
      continue;
    }
    if (!passphrases.has(keyId)) {
      if (passphrases.size >= MAX_KEYS) {
        out.collector.skip(
          '',
          'bad-entry',
          `The file has more than ${MAX_KEYS} keys; this entry's was not tried.`,
        );
        continue;
      }
      passphrases.set(keyId, await v8Passphrase(key, password));
    }
    const passphrase = passphrases.get(keyId);
    if (passphrase === undefined) {
      out.locked++;
      out.collector.skip('', 'bad-entry', 'This entry is encrypted with another password.');
      continue;
    }
    const json = await openText(envelope.data, passphrase);
    const record = json === undefined ? undefined : tryParseJson(json);
    if (!isRecord(record)) {
      out.collector.skip('', 'bad-entry', 'This entry is damaged: it does not decrypt to an account.');
      continue;
    }
    out.opened++;
    out.records.push({ ...record, index: envelope.index });
  }
}

async function openSecrets(layout: Layout, password: string, out: Opened): Promise<void> {
  const sealed = layout.records.filter((record) => looksSalted(record.secret));
  if (sealed.length === 0) return;
  // With a data key a failure after the key check is damage; without one (v1) it may be the password.
  const dataKey = layout.oldKey ? await v2Passphrase(layout.oldKey, password) : password;
  for (const record of sealed) {
    const name = entryName(text(record.issuer), text(record.account));
    const secret = dataKey === undefined ? undefined : await openText(record.secret, dataKey);
    if (secret !== undefined && (layout.oldKey || V1_SECRET.test(secret.trim()))) {
      out.opened++;
      out.records.push({ ...record, secret });
    } else if (dataKey === undefined || !layout.oldKey) {
      out.locked++;
      out.collector.skip(name, 'bad-entry', 'This entry is encrypted with another password.');
    } else {
      out.collector.skip(name, 'bad-entry', 'This entry is damaged: its secret key does not decrypt.');
    }
  }
}

const position = (record: Json) =>
  typeof record.index === 'number' && Number.isFinite(record.index) ? record.index : Number.POSITIVE_INFINITY;

function byIndex(a: Json, b: Json): number {
  const [x, y] = [position(a), position(b)];
  return x === y ? 0 : x < y ? -1 : 1;
}

export const authenticatorExtImporter: Importer = {
  id: 'authenticator-ext',
  app: APP,
  detect(input: ImportInput) {
    const layout = layoutOf(tryParseJson(input.text));
    if (!layout) return false;
    return isEncrypted(layout) ? 'encrypted' : 'plain';
  },
  async read(input, password) {
    const layout = layoutOf(parseJsonOrDamaged(input.text, APP));
    if (!layout) throw damaged('it is not a list of accounts');
    const out: Opened = { records: [], collector: new EntryCollector(), opened: 0, locked: 0 };
    out.records.push(...layout.records.filter((record) => !looksSalted(record.secret)));
    if (isEncrypted(layout)) {
      if (typeof password !== 'string' || password === '') {
        throw new ImportError('import-wrong-password', `This ${APP} backup needs its password.`);
      }
      await openEnvelopes(layout, password, out);
      await openSecrets(layout, password, out);
      if (out.opened === 0 && out.locked > 0) {
        throw new ImportError('import-wrong-password', `The password does not open this ${APP} backup.`);
      }
    }
    // Sorted as the extension listed them; a stable sort keeps the file's order among equals.
    for (const record of [...out.records].sort(byIndex)) {
      out.collector.add(entryName(text(record.issuer), text(record.account)), () => candidate(record));
    }
    return out.collector.result(APP);
  },
};
