/**
 * Google Authenticator's transfer codes: `otpauth-migration://offline?data=<base64 protobuf>`.
 * The message is Google's `MigrationPayload` (no published .proto; the field numbers below are the
 * ones every reimplementation and the samples in ../shared/fixtures agree on). Read and written
 * with protobuf-es's wire reader and writer, so the varint and length handling is a library's.
 *
 * MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *   int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 * OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 *   DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 */
import { BinaryReader, BinaryWriter, base64Decode, base64Encode, WireType } from '@bufbuild/protobuf/wire';
import { Secret } from 'otpauth/bare';
import type { OtpAccount, OtpAlgorithm } from '../account.ts';
import { OtpUriError } from '../otp/errors.ts';
import { normalizeAccount } from '../otp/validate.ts';

export const MIGRATION_VERSION = 1;
/** Google's app only makes 30-second codes: it has no period field. */
const GOOGLE_PERIOD = 30;

/**
 * Accounts per QR code. Eight accounts with 20-byte secrets make about 800–1000 characters: a
 * version 22–25 symbol at level M. Measured from the screen through a simulated phone camera
 * (tests/e2e/transfer-batch-size.spec.ts): 8 is the most that still gets 4 device pixels per module
 * within the options page's 480 px, and it reads from about 26 cm on a 720p camera; at 10 the
 * modules shrink to 3 px and the phone must come about 25% closer.
 */
export const TRANSFER_BATCH_SIZE = 8;

const ALGORITHMS: Record<number, OtpAlgorithm> = { 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const ALGORITHM_ENUM: Record<OtpAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const ALGORITHM_MD5 = 4;
const DIGITS: Record<number, number> = { 1: 6, 2: 8 };
const DIGITS_ENUM: Record<number, number> = { 6: 1, 8: 2 };
const TYPE_HOTP = 1;
const TYPE_TOTP = 2;

export class MigrationFormatError extends Error {
  override readonly name = 'MigrationFormatError';
}

/** What Google Authenticator can hold: no Steam, 6 or 8 digits, and TOTP only every 30 seconds. */
export function canTransfer(account: OtpAccount): boolean {
  if (account.type === 'steam') return false;
  if (DIGITS_ENUM[account.digits] === undefined) return false;
  if (account.type === 'totp' && account.period !== GOOGLE_PERIOD) return false;
  try {
    normalizeAccount(account);
    return true;
  } catch {
    return false;
  }
}

export interface TransferBatch<T> {
  uri: string;
  accounts: T[];
  /** 0-based, as in the payload. */
  index: number;
  count: number;
}

/** A random positive int32, shared by every code of one export so the phone knows they belong together. */
function randomBatchId(): number {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return ((n ?? 0) % 0x7fffffff) + 1;
}

/**
 * A guard for unusually long names, not the usual limit (that is the count per code): a code is
 * closed early rather than grow past about version 33 at level M, far from the 2,331 bytes where
 * QR codes end. One account longer than this on its own still gets a code of its own.
 */
export const MAX_TRANSFER_URI_LENGTH = 1600;

const INT32_MAX = 0x7fffffff;

/**
 * Splits accounts into transfer codes, keeping their order; the ones Google cannot hold come back
 * in `byHand` (to be typed in with their setup key).
 */
export function transferBatches<T extends OtpAccount>(
  accounts: readonly T[],
  options: { perBatch?: number; batchId?: number } = {},
): { batches: TransferBatch<T>[]; byHand: T[] } {
  const perBatch = options.perBatch ?? TRANSFER_BATCH_SIZE;
  if (!Number.isSafeInteger(perBatch) || perBatch < 1) throw new RangeError('perBatch must be at least 1');
  const id = options.batchId ?? randomBatchId();
  const byHand = accounts.filter((a) => !canTransfer(a));
  // Measured with the largest index and count a varint can take, so the real code is never longer.
  const length = (chunk: T[]) =>
    migrationUri(encodeMigrationPayload(chunk, { size: INT32_MAX, index: INT32_MAX, id })).length;
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const account of accounts.filter(canTransfer)) {
    const next = [...current, account];
    if (current.length > 0 && (next.length > perBatch || length(next) > MAX_TRANSFER_URI_LENGTH)) {
      chunks.push(current);
      current = [account];
    } else {
      current = next;
    }
  }
  if (current.length > 0) chunks.push(current);
  const count = chunks.length;
  const batches = chunks.map((chunk, index) => ({
    uri: migrationUri(encodeMigrationPayload(chunk, { size: count, index, id })),
    accounts: chunk,
    index,
    count,
  }));
  return { batches, byHand };
}

export function migrationUri(bytes: Uint8Array): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(bytes, 'std'))}`;
}

/** Google writes `name` as "Issuer:label" when there is an issuer; so do we. */
function googleName(account: OtpAccount): string {
  return account.issuer ? `${account.issuer}:${account.label}` : account.label;
}

export function encodeMigrationPayload(
  accounts: readonly OtpAccount[],
  batch: { size: number; index: number; id: number },
): Uint8Array {
  const w = new BinaryWriter();
  for (const input of accounts) {
    if (!canTransfer(input)) {
      throw new RangeError('Google Authenticator cannot hold this account (Steam, digits or period).');
    }
    const a = normalizeAccount(input);
    w.tag(1, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).bytes(Secret.fromBase32(a.secret).bytes);
    w.tag(2, WireType.LengthDelimited).string(googleName(a));
    if (a.issuer) w.tag(3, WireType.LengthDelimited).string(a.issuer);
    w.tag(4, WireType.Varint).int32(ALGORITHM_ENUM[a.algorithm]);
    w.tag(5, WireType.Varint).int32(DIGITS_ENUM[a.digits]!);
    w.tag(6, WireType.Varint).int32(a.type === 'hotp' ? TYPE_HOTP : TYPE_TOTP);
    if (a.type === 'hotp') w.tag(7, WireType.Varint).int64(a.counter);
    w.join();
  }
  w.tag(2, WireType.Varint).int32(MIGRATION_VERSION);
  w.tag(3, WireType.Varint).int32(batch.size);
  w.tag(4, WireType.Varint).int32(batch.index);
  w.tag(5, WireType.Varint).int32(batch.id);
  return w.finish();
}

export interface MigrationPayload {
  accounts: OtpAccount[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
  /** Entries we cannot use, with the reason in English (for logs and the import summary). */
  skipped: { name: string; reason: string }[];
}

interface RawParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

/**
 * Decodes the protobuf. Throws `MigrationFormatError` when the bytes are not a MigrationPayload at
 * all; an entry we cannot use (MD5, an unknown enum value, an empty secret) is listed in `skipped`.
 * Absent or "unspecified" enums take the defaults Google's app assumes: SHA1, 6 digits, TOTP.
 */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationPayload {
  const out: MigrationPayload = {
    accounts: [],
    version: 0,
    batchSize: 0,
    batchIndex: 0,
    batchId: 0,
    skipped: [],
  };
  try {
    const r = new BinaryReader(bytes);
    while (r.pos < r.len) {
      const [field, wire] = r.tag();
      if (field === 1 && wire === WireType.LengthDelimited) {
        const entry = toAccount(readParameters(r.bytes()));
        if ('reason' in entry) out.skipped.push(entry);
        else out.accounts.push(entry);
      } else if (field >= 2 && field <= 5 && wire === WireType.Varint) {
        const value = r.int32();
        if (field === 2) out.version = value;
        else if (field === 3) out.batchSize = value;
        else if (field === 4) out.batchIndex = value;
        else out.batchId = value;
      } else if (field >= 1 && field <= 5) {
        throw new Error(`field ${field} has the wrong wire type`);
      } else {
        r.skip(wire, field);
      }
    }
  } catch (error) {
    throw new MigrationFormatError(
      `This is not a readable Google Authenticator export (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error },
    );
  }
  return out;
}

function readParameters(bytes: Uint8Array): RawParameters {
  const p: RawParameters = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    const delimited = wire === WireType.LengthDelimited;
    const varint = wire === WireType.Varint;
    if (field === 1 && delimited) p.secret = r.bytes();
    else if (field === 2 && delimited) p.name = r.string();
    else if (field === 3 && delimited) p.issuer = r.string();
    else if (field === 4 && varint) p.algorithm = r.int32();
    else if (field === 5 && varint) p.digits = r.int32();
    else if (field === 6 && varint) p.type = r.int32();
    else if (field === 7 && varint) p.counter = BigInt(r.int64());
    else if (field >= 1 && field <= 7) throw new Error(`account field ${field} has the wrong wire type`);
    else r.skip(wire, field);
  }
  return p;
}

/**
 * "Issuer:label" loses its issuer prefix (and the spaces after it, as in the Key URI format); with
 * no issuer the name is all label, colons included: Google writes no prefix then.
 */
function splitName(name: string, issuer: string): string {
  if (issuer && name.startsWith(`${issuer}:`)) return name.slice(issuer.length + 1).replace(/^ +/, '');
  return name;
}

function toAccount(p: RawParameters): OtpAccount | { name: string; reason: string } {
  const label = splitName(p.name, p.issuer);
  const name = p.issuer && label ? `${p.issuer} (${label})` : p.issuer || label;
  const skip = (reason: string) => ({ name, reason });
  if (p.secret.length === 0) return skip('It has no secret key.');
  if (p.algorithm === ALGORITHM_MD5) return skip('It uses MD5, which Tweestap does not support.');
  const algorithm = p.algorithm === 0 ? 'SHA1' : ALGORITHMS[p.algorithm];
  if (!algorithm) return skip(`It uses an unknown algorithm (${p.algorithm}).`);
  const digits = p.digits === 0 ? 6 : DIGITS[p.digits];
  if (!digits) return skip(`It has an unknown number of digits (${p.digits}).`);
  if (p.type !== 0 && p.type !== TYPE_HOTP && p.type !== TYPE_TOTP) {
    return skip(`It is an unknown kind of code (${p.type}).`);
  }
  const hotp = p.type === TYPE_HOTP;
  if (hotp && (p.counter < 0n || p.counter > BigInt(Number.MAX_SAFE_INTEGER))) {
    return skip('Its counter is out of range.');
  }
  try {
    return normalizeAccount({
      type: hotp ? 'hotp' : 'totp',
      issuer: p.issuer,
      label,
      secret: new Secret({ buffer: toArrayBuffer(p.secret) }).base32,
      algorithm,
      digits,
      period: GOOGLE_PERIOD,
      counter: hotp ? Number(p.counter) : 0,
    });
  } catch (error) {
    if (error instanceof OtpUriError) return skip(error.message);
    throw error;
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

const MIGRATION_PREFIX = /^otpauth-migration:\/\/offline\/?\?/i;

/**
 * The link as a QR reader or a clipboard hands it over. `data` is base64, usually percent-encoded;
 * some tools leave '+' and '/' raw (so '+' is never read as a space), and a form decoder on the way
 * may already have turned '+' into ' ', which is put back.
 */
export function parseMigrationUri(uri: string): MigrationPayload {
  const text = typeof uri === 'string' ? uri.trim() : '';
  const prefix = MIGRATION_PREFIX.exec(text);
  if (!prefix) {
    throw new MigrationFormatError('This is not a Google Authenticator export link (otpauth-migration://).');
  }
  const query = text.slice(prefix[0].length).split('#')[0] ?? '';
  const pair = query.split('&').find((p) => p.slice(0, 5).toLowerCase() === 'data=');
  if (pair === undefined) throw new MigrationFormatError('The export link has no data.');
  let data: string;
  try {
    data = decodeURIComponent(pair.slice(5));
  } catch {
    throw new MigrationFormatError('The export link is damaged: it has a broken %-escape.');
  }
  data = data.replace(/ /g, '+');
  if (data === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(data)) {
    throw new MigrationFormatError('The export link is damaged: its data is not base64.');
  }
  let bytes: Uint8Array;
  try {
    bytes = base64Decode(data);
  } catch {
    // A length no base64 has (one stray character): the pattern above cannot see that.
    throw new MigrationFormatError('The export link is damaged: its data is not base64.');
  }
  return decodeMigrationPayload(bytes);
}
