/**
 * 2FAS Authenticator's backup (`.2fas`, JSON): `{ schemaVersion, services: [...] }`, or with
 * `servicesEncrypted: "b64(ciphertext+tag):b64(salt):b64(iv)"` (services then `[]`), sealed with
 * AES-256-GCM under PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations). `reference` is a fixed
 * text sealed the same way, so the password can be checked apart from the data.
 * Schemas: 1 has no OTP parameters (everything is TOTP SHA1/6/30); 2 adds digits, period and
 * algorithm; 3 adds `tokenType` (TOTP/HOTP) and `counter`; 4 adds STEAM and `link`, and its
 * `otp.label` is just the account. Learnt from Aegis's `TwoFASImporter` (read, not copied).
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
import { openGcm, pbkdf2 } from './shared/decrypt.ts';
import { base64Bytes } from './shared/text-bytes.ts';

const APP = '2FAS';
const NEWEST_SCHEMA = 4;
/** Fixed by 2FAS, not read from the file, so there is nothing to cap. */
const ITERATIONS = 10_000;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Backup = Record<string, unknown>;

function isBackup(value: unknown): value is Backup {
  return (
    isRecord(value) &&
    'schemaVersion' in value &&
    (Array.isArray(value.services) || typeof value.servicesEncrypted === 'string')
  );
}

const isEncrypted = (backup: Backup) => typeof backup.servicesEncrypted === 'string';

const damaged = (why: string) => new ImportError('import-damaged', `This ${APP} backup is damaged: ${why}.`);

interface Sealed {
  data: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

/** "ciphertext:salt:iv"; 2FAS writes exactly three parts (Aegis also ignores any after them). */
function sealedParts(value: unknown): Sealed | undefined {
  if (typeof value !== 'string') return undefined;
  const [data, salt, iv] = value.split(':', 3).map(base64Bytes);
  if (!data || !salt || !iv || data.length < TAG_BYTES || salt.length === 0 || iv.length !== IV_BYTES) {
    return undefined;
  }
  return { data, salt, iv };
}

async function open(
  sealed: Sealed,
  password: string,
  keys: Map<string, Uint8Array>,
): Promise<Uint8Array | undefined> {
  const id = sealed.salt.join(',');
  let key = keys.get(id);
  if (!key) {
    key = await pbkdf2(password, sealed.salt, ITERATIONS, 'SHA-256', KEY_BYTES);
    keys.set(id, key);
  }
  return openGcm(key, sealed.iv, sealed.data);
}

async function decryptServices(backup: Backup, password: string | undefined): Promise<unknown[]> {
  const services = sealedParts(backup.servicesEncrypted);
  if (!services) throw damaged('its encrypted part is not "data:salt:iv"');
  if (password === undefined) {
    throw new ImportError('import-wrong-password', `This ${APP} backup needs its password.`);
  }
  const keys = new Map<string, Uint8Array>();
  const wrong = new ImportError('import-wrong-password', `The password does not open this ${APP} backup.`);
  const reference = sealedParts(backup.reference);
  // With a reference that opens, a list that does not is damage, not a wrong password.
  if (reference && !(await open(reference, password, keys))) throw wrong;
  const plain = await open(services, password, keys);
  if (!plain) throw reference ? damaged('the accounts do not decrypt') : wrong;
  let json: unknown;
  try {
    json = tryParseJson(fromUtf8(plain));
  } catch {
    json = undefined;
  }
  if (!Array.isArray(json)) throw damaged('the accounts are not a list');
  return json;
}

/** Schema 4's label is the account alone; earlier ones wrote "Issuer:account". */
function account(otp: Record<string, unknown>, issuer: string): string {
  if (typeof otp.account === 'string') return otp.account;
  const label = text(otp.label);
  return issuer && label.startsWith(`${issuer}:`) ? label.slice(issuer.length + 1) : label;
}

function names(service: Record<string, unknown>): { issuer: string; label: string } {
  const otp = isRecord(service.otp) ? service.otp : {};
  // The service's name is what 2FAS shows; the link's issuer only when the name is empty.
  const issuer = text(service.name) || text(otp.issuer);
  return { issuer, label: account(otp, issuer) };
}

function candidate(service: Record<string, unknown>): Candidate {
  const otp = service.otp;
  if (!isRecord(otp)) throw new EntrySkip('bad-entry', 'The service has no OTP details.');
  const base = { ...names(service), secret: text(service.secret) };
  const tokenType = otp.tokenType ?? 'TOTP';
  if (tokenType === 'STEAM') return { ...base, type: 'steam', ...STEAM_PARAMS, counter: 0 };
  if (tokenType !== 'TOTP' && tokenType !== 'HOTP') {
    const shown = typeof tokenType === 'string' ? tokenType.slice(0, 32) : typeof tokenType;
    throw new EntrySkip('unsupported-type', `2FAS token type "${shown}" is not supported.`);
  }
  const algo = algorithm(otp.algorithm);
  const digits = integer(otp.digits, 6, 'number of digits');
  if (tokenType === 'HOTP') {
    return {
      ...base,
      type: 'hotp',
      algorithm: algo,
      digits,
      period: 30,
      counter: integer(otp.counter, 0, 'counter'),
    };
  }
  return {
    ...base,
    type: 'totp',
    algorithm: algo,
    digits,
    period: integer(otp.period, 30, 'period'),
    counter: 0,
  };
}

function entries(services: unknown[]): ImportedEntries {
  const name = (entry: Record<string, unknown>) => {
    const { issuer, label } = names(entry);
    return entryName(issuer, label);
  };
  return new EntryCollector().addRecords(services, name, candidate).result(APP);
}

export const twofasImporter: Importer = {
  id: 'twofas',
  app: APP,
  detect(input) {
    const json = tryParseJson(input.text);
    if (!isBackup(json)) return false;
    return isEncrypted(json) ? 'encrypted' : 'plain';
  },
  async read(input, password) {
    const backup = parseJsonOrDamaged(input.text, APP);
    if (!isBackup(backup)) throw damaged('it has no services');
    const schema = backup.schemaVersion;
    if (typeof schema !== 'number' || !Number.isSafeInteger(schema) || schema < 1) {
      throw damaged('it has no schema version');
    }
    if (schema > NEWEST_SCHEMA) {
      throw new ImportError(
        'import-unsupported-version',
        `This ${APP} backup (schema ${schema}) is newer than we read.`,
      );
    }
    if (isEncrypted(backup)) return entries(await decryptServices(backup, password));
    return entries(backup.services as unknown[]);
  },
};
