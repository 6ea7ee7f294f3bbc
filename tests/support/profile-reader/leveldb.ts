/**
 * Reads every key/value a LevelDB directory holds on disk, the way someone with a copy of the files
 * would: the write-ahead logs (*.log) and the sorted tables (*.ldb, blocks maybe Snappy-compressed).
 * Old versions and deleted values are returned too, in file order, because they are still on disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snappyDecompress } from './snappy.ts';
import { readVarint } from './varint.ts';

export interface Entry {
  file: string;
  /** LevelDB's sequence number: the highest one for a key is its live version. */
  seq: bigint;
  key: Uint8Array;
  /** Undefined for a deletion marker. */
  value: Uint8Array | undefined;
}

const LOG_BLOCK = 32 * 1024;
const LOG_HEADER = 7;
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;
const TABLE_MAGIC = 0xdb4775248b80fb57n;

/** A .log file is 32 KiB blocks of records; FIRST/MIDDLE/LAST pieces join into one write batch. */
function logBatches(bytes: Uint8Array): Uint8Array[] {
  const batches: Uint8Array[] = [];
  let pieces: Uint8Array[] = [];
  let at = 0;
  while (at + LOG_HEADER <= bytes.length) {
    const left = LOG_BLOCK - (at % LOG_BLOCK);
    if (left < LOG_HEADER) {
      at += left;
      continue;
    }
    const length = bytes[at + 4]! | (bytes[at + 5]! << 8);
    const type = bytes[at + 6]!;
    const data = bytes.subarray(at + LOG_HEADER, at + LOG_HEADER + length);
    at += LOG_HEADER + length;
    if (type === 0 && length === 0) continue; // preallocated zeros
    if (type === FULL) batches.push(data);
    else if (type === FIRST) pieces = [data];
    else if (type === MIDDLE) pieces.push(data);
    else if (type === LAST) {
      pieces.push(data);
      batches.push(Buffer.concat(pieces));
      pieces = [];
    }
  }
  return batches;
}

function readSlice(bytes: Uint8Array, at: number): { slice: Uint8Array; next: number } {
  const { value: length, next } = readVarint(bytes, at);
  return { slice: bytes.subarray(next, next + length), next: next + length };
}

/** A write batch: 8-byte sequence, 4-byte count, then (tag, key[, value]) records. */
function batchEntries(file: string, batch: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  let seq = new DataView(batch.buffer, batch.byteOffset, 8).getBigUint64(0, true);
  let at = 12;
  while (at < batch.length) {
    const tag = batch[at++]!;
    const key = readSlice(batch, at);
    at = key.next;
    if (tag === 1) {
      const value = readSlice(batch, at);
      at = value.next;
      entries.push({ file, seq: seq++, key: key.slice, value: value.slice });
    } else if (tag === 0) {
      entries.push({ file, seq: seq++, key: key.slice, value: undefined });
    } else {
      throw new Error(`${file}: unknown write batch tag ${tag}`);
    }
  }
  return entries;
}

/** A table block's contents after its 5-byte trailer (compression type, checksum) is read. */
function tableBlock(table: Uint8Array, handle: { offset: number; size: number }): Uint8Array {
  const raw = table.subarray(handle.offset, handle.offset + handle.size);
  const compression = table[handle.offset + handle.size];
  if (compression === 0) return raw;
  if (compression === 1) return snappyDecompress(raw);
  throw new Error(`unsupported block compression ${compression}`);
}

/** Block entries share key prefixes with the one before; the restart array at the end is skipped. */
function blockEntries(block: Uint8Array): { key: Uint8Array; value: Uint8Array }[] {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const restarts = view.getUint32(block.length - 4, true);
  const end = block.length - 4 - 4 * restarts;
  const entries: { key: Uint8Array; value: Uint8Array }[] = [];
  let previous = new Uint8Array(0);
  let at = 0;
  while (at < end) {
    const shared = readVarint(block, at);
    const unshared = readVarint(block, shared.next);
    const valueLength = readVarint(block, unshared.next);
    const keyStart = valueLength.next;
    const key = Buffer.concat([
      previous.subarray(0, shared.value),
      block.subarray(keyStart, keyStart + unshared.value),
    ]);
    const valueStart = keyStart + unshared.value;
    entries.push({ key, value: block.subarray(valueStart, valueStart + valueLength.value) });
    previous = key;
    at = valueStart + valueLength.value;
  }
  return entries;
}

function readHandle(bytes: Uint8Array, at: number): { offset: number; size: number; next: number } {
  const offset = readVarint(bytes, at);
  const size = readVarint(bytes, offset.next);
  return { offset: offset.value, size: size.value, next: size.next };
}

/** Footer (last 48 bytes) → index block → data blocks; keys carry an 8-byte (sequence, type) tail. */
function tableEntries(file: string, table: Uint8Array): Entry[] {
  const footer = table.subarray(table.length - 48);
  const magic = new DataView(footer.buffer, footer.byteOffset + 40, 8).getBigUint64(0, true);
  if (magic !== TABLE_MAGIC) throw new Error(`${file}: not a LevelDB table`);
  const metaindex = readHandle(footer, 0);
  const index = readHandle(footer, metaindex.next);
  const entries: Entry[] = [];
  for (const { value } of blockEntries(tableBlock(table, index))) {
    for (const { key, value: stored } of blockEntries(tableBlock(table, readHandle(value, 0)))) {
      const tail = new DataView(key.buffer, key.byteOffset + key.length - 8, 8).getBigUint64(0, true);
      const userKey = key.subarray(0, key.length - 8);
      entries.push({
        file,
        seq: tail >> 8n,
        key: userKey,
        value: (tail & 0xffn) === 1n ? stored : undefined,
      });
    }
  }
  return entries;
}

/** Every entry on disk, old versions and deletions included. */
export function readLevelDb(dir: string): Entry[] {
  const entries: Entry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const bytes = new Uint8Array(readFileSync(join(dir, name)));
    if (name.endsWith('.log'))
      for (const batch of logBatches(bytes)) entries.push(...batchEntries(name, batch));
    else if (name.endsWith('.ldb') || name.endsWith('.sst')) entries.push(...tableEntries(name, bytes));
  }
  return entries;
}

/** What a LevelDB reader would see now: the newest version of each key, deleted keys left out. */
export function liveEntries(entries: Entry[]): Entry[] {
  const newest = new Map<string, Entry>();
  for (const entry of entries) {
    const id = Buffer.from(entry.key).toString('hex');
    const seen = newest.get(id);
    if (!seen || entry.seq > seen.seq) newest.set(id, entry);
  }
  return [...newest.values()].filter((entry) => entry.value !== undefined);
}
