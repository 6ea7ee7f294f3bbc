/**
 * How sync data fits into chrome.storage.sync (issue 17): entries are spread over a fixed set of
 * buckets, each bucket is packed in a compact binary form, compressed, sealed with AES-256-GCM and
 * stored as one base64url item. Pure: the worker's sync service does the storage calls.
 */
import type { RecoveryCode } from '../account.ts';
import { AuthError, seal, unseal } from '../crypto/aead.ts';
import { fromBase64Url, toBase64Url } from '../crypto/base64url.ts';
import { type Bytes, toBytes, utf8 } from '../crypto/bytes.ts';
import type { SyncEntry, SyncedAccount, VersionVector } from './types.ts';

export const SYNC_QUOTA = { totalBytes: 102_400, itemBytes: 8_192, maxItems: 512 } as const;
/** Fixed: an account's bucket never moves, so one change rewrites one item. */
export const BUCKET_COUNT = 16;
/** Item keys are `tw.b0` … `tw.b15`. */
export const BUCKET_PREFIX = 'tw.b';
/**
 * Zip-bomb guard for opening a bucket. Far above anything real (a bucket of typical accounts is a
 * few KB before compression), and `packBuckets` never writes a bucket above it, so all it writes opens.
 */
export const BUCKET_PLAIN_MAX = 1 << 20;

const FORMAT = 1;
/** `fromUtf8` would drop a leading U+FEFF, and a name that starts with one must come back whole. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Bytes an item costs against the quota, as Chrome counts: key length + JSON of the value. */
export function itemBytes(key: string, value: string): number {
  return key.length + JSON.stringify(value).length;
}

export function bucketKey(bucket: number): string {
  return `${BUCKET_PREFIX}${bucket}`;
}

/** Which bucket an entry lives in: a stable hash of its syncId modulo BUCKET_COUNT. */
export function bucketOf(syncId: string): number {
  // FNV-1a: fixed forever, because changing it would move every account on every computer at once.
  let hash = 0x811c9dc5;
  for (let i = 0; i < syncId.length; i++) {
    hash ^= syncId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // FNV's low bits mix worst; folding the high half in lets the modulo see all of them.
  return ((hash ^ (hash >>> 16)) >>> 0) % BUCKET_COUNT;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The per-bucket lists in canonical order (sorted by syncId), so a caller can compare plaintext
 * contents to decide which items changed: sealed values differ every time because of the random IV.
 */
export function bucketsOf(entries: readonly SyncEntry[]): SyncEntry[][] {
  const buckets: SyncEntry[][] = Array.from({ length: BUCKET_COUNT }, () => []);
  const sorted = [...entries].sort((a, b) => byCodeUnits(a.syncId, b.syncId));
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i]!;
    // Two versions of one account cannot both be current; which one to keep is the merge's call.
    if (i > 0 && sorted[i - 1]!.syncId === entry.syncId) {
      throw new TypeError(`duplicate syncId ${entry.syncId}`);
    }
    buckets[bucketOf(entry.syncId)]!.push(entry);
  }
  return buckets;
}

// ---------------------------------------------------------------------------------------------
// Binary codec

const TYPES = ['totp', 'hotp', 'steam'] as const;
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = /^[0-9a-f]*$/;

const F_ACCOUNT = 1;
const F_NOTES = 2;
const F_CODES = 4;
const F_SITES = 8;
const F_DELETED = 16;
const F_ALL = F_ACCOUNT | F_NOTES | F_CODES | F_SITES | F_DELETED;

const ENTRY_KEYS = new Set(['syncId', 'vv', 'account', 'deletedAt']);
const ACCOUNT_KEYS = new Set([
  'type',
  'issuer',
  'label',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'sites',
  'notes',
  'recoveryCodes',
  'updatedAt',
]);
const CODE_KEYS = new Set(['code', 'used']);

function fail(what: string): never {
  throw new TypeError(`cannot pack sync entry: ${what}`);
}

/** A field the codec would drop would not round-trip, so it is refused rather than lost. */
function checkKeys(value: object, allowed: Set<string>, what: string): void {
  for (const [name, field] of Object.entries(value)) {
    if (field !== undefined && !allowed.has(name)) fail(`unexpected ${what} field ${name}`);
  }
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

class Writer {
  // Packing measures every bucket many times over, so appends must not go through a number[].
  private buffer = new Uint8Array(1024);
  private length = 0;

  private room(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  varint(value: number, what: string): void {
    if (!isCount(value)) fail(`${what} must be a whole number from 0 to 2^53-1`);
    let rest = value;
    // Division, not shifts: shifts would cut values above 2^31.
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  hex(text: unknown, chars: number, what: string): void {
    if (typeof text !== 'string' || text.length !== chars || !HEX.test(text)) {
      fail(`${what} must be ${chars} lower-case hex characters`);
    }
    for (let i = 0; i < chars; i += 2) this.byte(Number.parseInt(text.slice(i, i + 2), 16));
  }

  text(value: unknown, what: string): void {
    // A lone surrogate would come back as U+FFFD: not the string that went in.
    if (typeof value !== 'string' || !value.isWellFormed()) fail(`${what} must be well-formed text`);
    const bytes = utf8(value);
    this.varint(bytes.length, what);
    this.raw(bytes);
  }

  /**
   * The character count, not the byte count, so a secret whose bits do not end on a byte (some
   * issuers pick random characters) comes back exactly; the spare bits of the last byte are zero.
   */
  base32(value: unknown): void {
    if (typeof value !== 'string' || !/^[A-Z2-7]*$/.test(value)) {
      fail('secret must be upper-case base32 without padding');
    }
    this.varint(value.length, 'secret length');
    let acc = 0;
    let bits = 0;
    for (const char of value) {
      acc = ((acc << 5) | BASE32.indexOf(char)) & 0xfff;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        this.byte((acc >> bits) & 0xff);
      }
    }
    if (bits > 0) this.byte((acc << (8 - bits)) & 0xff);
  }

  bytes(): Bytes {
    return this.buffer.slice(0, this.length);
  }
}

/** The time base: the earliest time in the list, 0 for none. Throws TypeError on a time that is not whole seconds. */
function earliest(entries: readonly SyncEntry[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    for (const time of [entry.deletedAt, entry.account?.updatedAt]) {
      if (time === undefined) continue;
      if (!isCount(time)) fail('times must be whole seconds, 0 or more');
      if (time < min) min = time;
    }
  }
  return min === Number.POSITIVE_INFINITY ? 0 : min;
}

/**
 * Binary codec of a list of entries (no crypto). Throws TypeError for anything it could not give
 * back exactly: it is only ever handed our own data, so that is a bug to surface, not to tolerate.
 *
 * Layout: format byte; device table (count, 4 raw bytes each, ascending); time base (the earliest
 * time in the list, so each time costs a few bytes as an offset instead of five); entry count; then
 * per entry: syncId (6 raw bytes), version vector (count, then device index ascending + counter),
 * flags, deletedAt offset, and the account: kind byte (type, algorithm, digits), period, counter,
 * secret, issuer, label, sites, notes, recovery codes (length·2 + used, then text), updatedAt offset.
 */
export function encodeEntries(entries: readonly SyncEntry[]): Uint8Array {
  if (!Array.isArray(entries)) fail('entries must be an array');
  const devices = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) fail('entry must be an object');
    if (typeof entry.vv !== 'object' || entry.vv === null) fail('vv must be an object');
    for (const device of Object.keys(entry.vv)) devices.add(device);
  }
  const table = [...devices].sort(byCodeUnits);
  const index = new Map(table.map((device, i) => [device, i]));
  const base = earliest(entries);

  const w = new Writer();
  w.byte(FORMAT);
  w.varint(table.length, 'device count');
  for (const device of table) w.hex(device, 8, 'device id');
  w.varint(base, 'time base');
  w.varint(entries.length, 'entry count');
  for (const entry of entries) {
    checkKeys(entry, ENTRY_KEYS, 'entry');
    w.hex(entry.syncId, 12, 'syncId');
    const vv = Object.entries<number>(entry.vv).sort(([a], [b]) => byCodeUnits(a, b));
    w.varint(vv.length, 'vv size');
    for (const [device, counter] of vv) {
      w.varint(index.get(device)!, 'device index');
      w.varint(counter, 'vv counter');
    }
    const account = entry.account;
    if (account !== undefined && (typeof account !== 'object' || account === null)) {
      fail('account must be an object');
    }
    if (account !== undefined) checkKeys(account, ACCOUNT_KEYS, 'account');
    if (account !== undefined && !Array.isArray(account.sites)) fail('sites must be an array');
    if (account?.recoveryCodes !== undefined && !Array.isArray(account.recoveryCodes)) {
      fail('recoveryCodes must be an array');
    }
    const flags =
      (account ? F_ACCOUNT : 0) |
      (account?.notes !== undefined ? F_NOTES : 0) |
      (account?.recoveryCodes !== undefined ? F_CODES : 0) |
      (account && account.sites.length > 0 ? F_SITES : 0) |
      (entry.deletedAt !== undefined ? F_DELETED : 0);
    w.byte(flags);
    if (entry.deletedAt !== undefined) w.varint(entry.deletedAt - base, 'deletedAt');
    if (account) writeAccount(w, account, base);
  }
  return w.bytes();
}

function writeAccount(w: Writer, account: SyncedAccount, base: number): void {
  const type = TYPES.indexOf(account.type);
  const algorithm = ALGORITHMS.indexOf(account.algorithm);
  if (type < 0) fail('unknown account type');
  if (algorithm < 0) fail('unknown algorithm');
  if (!Number.isInteger(account.digits) || account.digits < 1 || account.digits > 15) {
    fail('digits must be 1 to 15');
  }
  w.byte(type | (algorithm << 2) | (account.digits << 4));
  w.varint(account.period, 'period');
  w.varint(account.counter, 'counter');
  w.base32(account.secret);
  w.text(account.issuer, 'issuer');
  w.text(account.label, 'label');
  if (account.sites.length > 0) {
    w.varint(account.sites.length, 'site count');
    for (const site of account.sites) w.text(site, 'site');
  }
  if (account.notes !== undefined) w.text(account.notes, 'notes');
  if (account.recoveryCodes !== undefined) {
    w.varint(account.recoveryCodes.length, 'recovery code count');
    for (const code of account.recoveryCodes) {
      if (typeof code !== 'object' || code === null) fail('recovery code must be an object');
      checkKeys(code, CODE_KEYS, 'recovery code');
      if (typeof code.used !== 'boolean') fail('recovery code used must be a boolean');
      if (typeof code.code !== 'string' || !code.code.isWellFormed()) fail('recovery code must be text');
      const bytes = utf8(code.code);
      w.varint(bytes.length * 2 + (code.used ? 1 : 0), 'recovery code length');
      w.raw(bytes);
    }
  }
  w.varint(account.updatedAt - base, 'updatedAt');
}

class Malformed extends Error {}

class Reader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Malformed();
    return this.bytes[this.pos++]!;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        // A zero last byte is a longer spelling of a shorter number: not what encode writes.
        if (i > 0 && byte === 0) throw new Malformed();
        break;
      }
      scale *= 0x80;
      if (i >= 7) throw new Malformed();
    }
    if (!Number.isSafeInteger(value)) throw new Malformed();
    return value;
  }

  /** A count of things at least `minBytes` long each: bounded by what is left, so a forged count cannot allocate. */
  count(minBytes: number): number {
    const count = this.varint();
    if (count * minBytes > this.remaining) throw new Malformed();
    return count;
  }

  raw(length: number): Uint8Array {
    if (length > this.remaining) throw new Malformed();
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  hex(length: number): string {
    let out = '';
    for (const byte of this.raw(length)) out += byte.toString(16).padStart(2, '0');
    return out;
  }

  text(length = this.varint()): string {
    return UTF8.decode(this.raw(length));
  }

  base32(): string {
    const chars = this.varint();
    const length = Math.ceil((chars * 5) / 8);
    const bytes = this.raw(length);
    let out = '';
    let acc = 0;
    let bits = 0;
    let next = 0;
    while (out.length < chars) {
      if (bits < 5) {
        acc = ((acc << 8) | bytes[next++]!) & 0xffff;
        bits += 8;
      }
      bits -= 5;
      out += BASE32[(acc >> bits) & 31];
    }
    // Spare bits are zero when encoded; anything else is a second spelling of the same secret.
    if ((acc & ((1 << bits) - 1)) !== 0) throw new Malformed();
    return out;
  }
}

function offsetTime(base: number, offset: number): number {
  const time = base + offset;
  if (!Number.isSafeInteger(time)) throw new Malformed();
  return time;
}

/** Undefined on any malformation, never throws: the bytes come from storage another computer wrote. */
export function decodeEntries(bytes: Uint8Array): SyncEntry[] | undefined {
  try {
    return decode(new Reader(bytes));
  } catch {
    return undefined;
  }
}

function decode(r: Reader): SyncEntry[] {
  if (r.byte() !== FORMAT) throw new Malformed();
  const devices: string[] = [];
  for (let i = r.count(4); i > 0; i--) {
    const device = r.hex(4);
    if (devices.length > 0 && device <= devices[devices.length - 1]!) throw new Malformed();
    devices.push(device);
  }
  const base = r.varint();
  const used = new Set<number>();
  const entries: SyncEntry[] = [];
  // 6 bytes of syncId, a vv count and the flags at least.
  for (let i = r.count(8); i > 0; i--) {
    const syncId = r.hex(6);
    const vv: VersionVector = {};
    let last = -1;
    for (let j = r.count(2); j > 0; j--) {
      const device = r.varint();
      if (device <= last || device >= devices.length) throw new Malformed();
      last = device;
      used.add(device);
      vv[devices[device]!] = r.varint();
    }
    const flags = r.byte();
    if ((flags & ~F_ALL) !== 0) throw new Malformed();
    if (!(flags & F_ACCOUNT) && flags & (F_NOTES | F_CODES | F_SITES)) throw new Malformed();
    const entry: SyncEntry = { syncId, vv };
    if (flags & F_DELETED) entry.deletedAt = offsetTime(base, r.varint());
    if (flags & F_ACCOUNT) entry.account = readAccount(r, flags, base);
    entries.push(entry);
  }
  if (r.remaining !== 0) throw new Malformed();
  // Encode writes exactly one spelling of each list; accepting only that one means a byte changed
  // anywhere can never decode to the same entries, and decode-then-encode gives the bytes back.
  if (used.size !== devices.length) throw new Malformed();
  if (base !== earliest(entries)) throw new Malformed();
  return entries;
}

function readAccount(r: Reader, flags: number, base: number): SyncedAccount {
  const kind = r.byte();
  const type = TYPES[kind & 3];
  const algorithm = ALGORITHMS[(kind >> 2) & 3];
  const digits = kind >> 4;
  if (type === undefined || algorithm === undefined || digits === 0) throw new Malformed();
  const period = r.varint();
  const counter = r.varint();
  const secret = r.base32();
  const issuer = r.text();
  const label = r.text();
  const sites: string[] = [];
  if (flags & F_SITES) {
    const count = r.count(1);
    if (count === 0) throw new Malformed();
    for (let i = 0; i < count; i++) sites.push(r.text());
  }
  const account: SyncedAccount = {
    type,
    issuer,
    label,
    secret,
    algorithm,
    digits,
    period,
    counter,
    sites,
    updatedAt: 0,
  };
  if (flags & F_NOTES) account.notes = r.text();
  if (flags & F_CODES) {
    const codes: RecoveryCode[] = [];
    for (let i = r.count(1); i > 0; i--) {
      const head = r.varint();
      codes.push({ code: r.text(Math.floor(head / 2)), used: head % 2 === 1 });
    }
    account.recoveryCodes = codes;
  }
  account.updatedAt = offsetTime(base, r.varint());
  return account;
}

// ---------------------------------------------------------------------------------------------
// Compression

const ignore = (): void => {};

async function transform(
  stream: CompressionStream | DecompressionStream,
  input: Uint8Array,
  maxBytes: number,
): Promise<Bytes | undefined> {
  const writer = stream.writable.getWriter();
  // Failures surface on the readable side; these would otherwise be unhandled rejections.
  writer.write(toBytes(input)).catch(ignore);
  writer.close().catch(ignore);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        reader.cancel().catch(ignore);
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** deflate-raw via CompressionStream: no header or checksum to pay for, GCM already checks integrity. */
export async function compress(bytes: Uint8Array): Promise<Bytes> {
  const out = await transform(new CompressionStream('deflate-raw'), bytes, Number.POSITIVE_INFINITY);
  if (out === undefined) throw new Error('compression failed');
  return out;
}

/** Undefined if corrupt or bigger than maxBytes (zip-bomb guard: output stops being read past it). */
export async function decompress(bytes: Uint8Array, maxBytes: number): Promise<Bytes | undefined> {
  return transform(new DecompressionStream('deflate-raw'), bytes, maxBytes);
}

// ---------------------------------------------------------------------------------------------
// Sealing

/** Binds an item to the passphrase's salt, so items left by an older passphrase read as foreign. */
function aad(keyId: string): Bytes {
  return utf8(`tweestap/sync/1/${keyId}`);
}

function base64UrlLength(bytes: number): number {
  return Math.floor(bytes / 3) * 4 + [0, 2, 3][bytes % 3]!;
}

/** The item value's length for a compressed payload of this size: the same for every IV. */
function sealedLength(compressed: number): number {
  return base64UrlLength(IV_BYTES + compressed + TAG_BYTES);
}

async function sealPlain(key: CryptoKey, keyId: string, compressed: Bytes): Promise<string> {
  const { iv, ct } = await seal(key, compressed, aad(keyId));
  const out = new Uint8Array(iv.length + ct.length);
  out.set(iv);
  out.set(ct, iv.length);
  return toBase64Url(out);
}

/** One bucket → the item value: base64url( iv(12) ‖ AES-256-GCM(compress(encodeEntries)) ). */
export async function sealBucket(
  key: CryptoKey,
  keyId: string,
  entries: readonly SyncEntry[],
): Promise<string> {
  return sealPlain(key, keyId, await compress(encodeEntries(entries)));
}

export type OpenedBucket = { ok: true; entries: SyncEntry[] } | { ok: false; problem: 'damaged' | 'foreign' };

/**
 * 'foreign' = the GCM tag does not verify (another passphrase or key, or tampered); 'damaged' = not
 * base64url, too short, or a verified payload that does not decompress or decode (a bug, not an attack).
 */
export async function openBucket(key: CryptoKey, keyId: string, value: string): Promise<OpenedBucket> {
  const bytes = typeof value === 'string' ? fromBase64Url(value) : undefined;
  if (bytes === undefined || bytes.length < IV_BYTES + TAG_BYTES) return { ok: false, problem: 'damaged' };
  let compressed: Bytes;
  try {
    compressed = await unseal(key, { iv: bytes.slice(0, IV_BYTES), ct: bytes.slice(IV_BYTES) }, aad(keyId));
  } catch (error) {
    // Anything but a tag mismatch (a key that cannot decrypt) is the caller's bug, not the item's.
    if (error instanceof AuthError) return { ok: false, problem: 'foreign' };
    throw error;
  }
  const plain = await decompress(compressed, BUCKET_PLAIN_MAX);
  const entries = plain === undefined ? undefined : decodeEntries(plain);
  return entries === undefined ? { ok: false, problem: 'damaged' } : { ok: true, entries };
}

// ---------------------------------------------------------------------------------------------
// Fitting

export interface PackResult {
  /** Item key → value for every bucket (all BUCKET_COUNT keys, an empty bucket too, so a reader knows it is empty). */
  items: Record<string, string>;
  /**
   * What each bucket holds, in canonical order, after slimming and leaving out: compare these (not
   * `bucketsOf(entries)`) with what was last written, since one bucket's growth can slim another.
   */
  buckets: SyncEntry[][];
  /** syncIds whose notes/recovery codes were left out to fit (sorted; none that were left out altogether). */
  slimmed: string[];
  /** syncIds left out altogether because even slim they did not fit (never silently: the caller reports them). */
  left: string[];
  /** Total quota bytes the items use. */
  bytes: number;
}

const WHOLE = 0;
const SLIM = 1;
const LEFT = 2;

interface Slot {
  entry: SyncEntry;
  /** Uncompressed bytes whole and slim: what leaving out or slimming is expected to save. */
  rawWhole: number;
  rawSlim: number;
  bucket: number;
  /** The entry without notes and recovery codes, when it has either. */
  slim?: SyncEntry;
  /** UTF-8 bytes slimming saves, roughly: orders who is slimmed first. */
  extras: number;
  mode: number;
}

function slimmedCopy(entry: SyncEntry): SyncEntry | undefined {
  const account = entry.account;
  if (account === undefined || (account.notes === undefined && account.recoveryCodes === undefined)) {
    return undefined;
  }
  const { notes: _notes, recoveryCodes: _codes, ...rest } = account;
  return { ...entry, account: rest };
}

function extrasOf(entry: SyncEntry): number {
  const account = entry.account;
  let size = account?.notes === undefined ? 0 : utf8(account.notes).length;
  for (const code of account?.recoveryCodes ?? []) size += utf8(code.code).length + 1;
  return size;
}

function contents(slots: readonly Slot[]): SyncEntry[] {
  const out: SyncEntry[] = [];
  for (const slot of slots) {
    if (slot.mode === WHOLE) out.push(slot.entry);
    else if (slot.mode === SLIM) out.push(slot.slim ?? slot.entry);
  }
  return out;
}

/** Deflate output is deterministic, so an item's cost is known without sealing it. */
async function costOf(bucket: number, entries: readonly SyncEntry[]): Promise<number> {
  const plain = encodeEntries(entries);
  if (plain.length > BUCKET_PLAIN_MAX) return Number.POSITIVE_INFINITY;
  return bucketKey(bucket).length + sealedLength((await compress(plain)).length) + 2;
}

/**
 * The search comes back to the same bucket contents again and again; a bucket's contents are fixed
 * by the modes of its slots, so those are the memo key (cheaper than encoding to compare).
 */
class Meter {
  private readonly memo = new Map<string, number>();

  async itemBytes(bucket: number, slots: readonly Slot[]): Promise<number> {
    const memoKey = `${bucket}:${slots.map((slot) => slot.mode).join('')}`;
    let cost = this.memo.get(memoKey);
    if (cost === undefined) {
      cost = await costOf(bucket, contents(slots));
      this.memo.set(memoKey, cost);
    }
    return cost;
  }
}

/**
 * Applies `mode` to the shortest prefix of `order` that brings `measure()` within `limit`, and
 * returns whether any prefix does (if none, all of it stays applied). Every test recompresses, so
 * rather than bisect blindly it starts where the entries' uncompressed `weight` says the line is
 * (bytes shrink roughly in proportion) and gallops from there: a handful of tests, each touching a
 * few buckets. The chosen prefix is always one that was measured to fit, so the result fits even
 * where compression is not monotone (where it is, the prefix is also the shortest).
 */
async function fitPrefix(
  order: readonly Slot[],
  mode: number,
  weight: (slot: Slot) => number,
  measure: () => Promise<number>,
  limit: number,
): Promise<boolean> {
  const sums = [0];
  for (const slot of order) sums.push(sums[sums.length - 1]! + weight(slot));
  const previous = order.map((slot) => slot.mode);
  const apply = (k: number): void => {
    order.forEach((slot, i) => {
      slot.mode = i < k ? mode : previous[i]!;
    });
  };
  const fitsAt = async (k: number): Promise<boolean> => {
    apply(k);
    return (await measure()) <= limit;
  };
  const before = await measure();
  if (before <= limit) return true;
  if (!(await fitsAt(order.length))) return false;
  const after = await measure();
  const rate = (before - after) / Math.max(1, sums[order.length]!);
  // An unmeasurable start (over BUCKET_PLAIN_MAX) makes the estimate NaN: the guess is then 1, and galloping copes.
  let guess = 1;
  while (guess < order.length && before - rate * sums[guess]! > limit) guess++;

  let lo = 0; // known not to fit
  let hi = order.length; // known to fit
  const fromAbove = await fitsAt(guess);
  if (fromAbove) hi = guess;
  else lo = guess;
  let step = 1;
  let galloping = true;
  while (hi - lo > 1) {
    let k: number;
    if (galloping) {
      k = fromAbove ? Math.max(lo + 1, hi - step) : Math.min(hi - 1, lo + step);
      step *= 2;
    } else {
      k = Math.floor((lo + hi) / 2);
    }
    const fits = await fitsAt(k);
    if (fits) hi = k;
    else lo = k;
    if (fits !== fromAbove) galloping = false;
  }
  apply(hi);
  return true;
}

const bySlimOrder = (a: Slot, b: Slot): number =>
  b.extras - a.extras || byCodeUnits(a.entry.syncId, b.entry.syncId);

/**
 * Tombstones first, oldest first: most computers have applied those already. Then live accounts,
 * newest first, so the set that syncs stays put as accounts are added and only the newcomers wait.
 */
function byLeaveOrder(a: Slot, b: Slot): number {
  const aLive = a.entry.account !== undefined;
  const bLive = b.entry.account !== undefined;
  if (aLive !== bLive) return aLive ? 1 : -1;
  const diff = aLive
    ? b.entry.account!.updatedAt - a.entry.account!.updatedAt
    : (a.entry.deletedAt ?? 0) - (b.entry.deletedAt ?? 0);
  return diff || byCodeUnits(a.entry.syncId, b.entry.syncId);
}

/** Below this, an entry alone compresses to well under an item whatever it holds. */
const SURELY_FITS_ALONE = 4096;

/**
 * Packs all entries into BUCKET_COUNT sealed items within `budget` total bytes (the caller subtracts
 * what its header item needs) and SYNC_QUOTA.itemBytes per item. Deterministic, in this order:
 * 1. an entry too big for an item even alone and slim is left out;
 * 2. each bucket over the item limit drops notes and recovery codes, largest first, until it fits
 *    (only its own: slimming elsewhere cannot help it);
 * 3. if the total is over budget, the same across all buckets;
 * 4. if still over budget, whole entries are left out in leave order (`byLeaveOrder`) across all buckets;
 * 5. a bucket still over the item limit leaves out its own entries in that order.
 * Each step stops at the shortest prefix of its order that fits. Throws RangeError if the budget
 * cannot hold even empty buckets.
 */
export async function packBuckets(
  key: CryptoKey,
  keyId: string,
  entries: readonly SyncEntry[],
  budget: number = SYNC_QUOTA.totalBytes,
): Promise<PackResult> {
  const meter = new Meter();
  const slotsOf: Slot[][] = bucketsOf(entries).map((list, bucket) =>
    list.map((entry): Slot => {
      const slim = slimmedCopy(entry);
      const rawWhole = encodeEntries([entry]).length;
      const rawSlim = slim ? encodeEntries([slim]).length : rawWhole;
      const extras = slim ? extrasOf(entry) : 0;
      return { entry, rawWhole, rawSlim, bucket, ...(slim ? { slim } : {}), extras, mode: WHOLE };
    }),
  );
  const all = slotsOf.flat();
  const sizeOf = (bucket: number): Promise<number> => meter.itemBytes(bucket, slotsOf[bucket]!);
  const total = async (): Promise<number> => {
    let sum = 0;
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) sum += await sizeOf(bucket);
    return sum;
  };
  const overfull = async (): Promise<number[]> => {
    const over: number[] = [];
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
      if ((await sizeOf(bucket)) > SYNC_QUOTA.itemBytes) over.push(bucket);
    }
    return over;
  };
  const slimmable = (slots: readonly Slot[]) =>
    slots.filter((slot) => slot.slim && slot.mode === WHOLE).sort(bySlimOrder);
  const leavable = (slots: readonly Slot[]) => slots.filter((slot) => slot.mode !== LEFT).sort(byLeaveOrder);
  const slimSaves = (slot: Slot) => slot.rawWhole - slot.rawSlim;
  const leaveSaves = (slot: Slot) => (slot.mode === SLIM ? slot.rawSlim : slot.rawWhole);

  for (const slot of all) {
    if (slot.rawSlim <= SURELY_FITS_ALONE) continue;
    if ((await costOf(slot.bucket, [slot.slim ?? slot.entry])) > SYNC_QUOTA.itemBytes) slot.mode = LEFT;
  }
  for (const bucket of await overfull()) {
    const size = () => sizeOf(bucket);
    await fitPrefix(slimmable(slotsOf[bucket]!), SLIM, slimSaves, size, SYNC_QUOTA.itemBytes);
  }
  if (!(await fitPrefix(slimmable(all), SLIM, slimSaves, total, budget))) {
    if (!(await fitPrefix(leavable(all), LEFT, leaveSaves, total, budget))) {
      throw new RangeError(`a sync budget of ${budget} bytes cannot hold even empty buckets`);
    }
  }
  // Only shrinks the buckets it touches, so the total stays within budget.
  for (const bucket of await overfull()) {
    const size = () => sizeOf(bucket);
    await fitPrefix(leavable(slotsOf[bucket]!), LEFT, leaveSaves, size, SYNC_QUOTA.itemBytes);
  }

  const items: Record<string, string> = {};
  const buckets = slotsOf.map(contents);
  let bytes = 0;
  for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
    const name = bucketKey(bucket);
    items[name] = await sealBucket(key, keyId, buckets[bucket]!);
    const size = itemBytes(name, items[name]);
    // Fitting measured without sealing; a mismatch here would be a quota error at write time.
    if (size !== (await sizeOf(bucket)) || size > SYNC_QUOTA.itemBytes) {
      throw new Error(`bucket ${bucket} sealed to ${size} bytes, not what was measured`);
    }
    bytes += size;
  }
  if (bytes > budget) throw new Error(`packed ${bytes} bytes over a budget of ${budget}`);
  const ids = (mode: number) =>
    all
      .filter((slot) => slot.mode === mode)
      .map((slot) => slot.entry.syncId)
      .sort(byCodeUnits);
  return { items, buckets, slimmed: ids(SLIM), left: ids(LEFT), bytes };
}
