/**
 * Reads the values Chromium's IndexedDB stores: a record-version varint, Blink's envelope, then V8's
 * structured-clone wire format. Only the shapes the vault writes are understood (objects, strings,
 * numbers, booleans, arrays, Uint8Array, and Blink's CryptoKey, which it writes with its raw bytes);
 * anything else throws, and the caller skips that value.
 */
import { snappyDecompress } from './snappy.ts';
import { readVarint } from './varint.ts';

/** A CryptoKey as Blink serializes it: key type, algorithm, usages, and the key material itself. */
export interface SerializedCryptoKey {
  cryptoKey: true;
  keyType: number;
  algorithm: number;
  extractable: boolean;
  usages: number;
  raw: Uint8Array;
}

export type Value =
  | undefined
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | SerializedCryptoKey
  | Value[]
  | { [key: string]: Value };

const VERSION = 0xff;
const BLINK_TRAILER_OFFSET = 0xfe;
/** Blink's IDB wrapper marker (`kRequiresProcessingSSVPseudoVersion`), then 2: Snappy-compressed. */
const IDB_WRAPPED = 0x11;
const IDB_SNAPPY = 2;
const AES_KEY = 1;
const EXTRACTABLE = 1;

class Reader {
  at = 0;
  private readonly objects: Value[] = [];
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('value ends early');
    return this.bytes[this.at++]!;
  }
  varint(): number {
    const { value, next } = readVarint(this.bytes, this.at);
    this.at = next;
    return value;
  }
  take(length: number): Uint8Array {
    if (this.at + length > this.bytes.length) throw new Error('value ends early');
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
  peek(): number | undefined {
    return this.bytes[this.at];
  }

  /** Blink then V8 each write 0xFF and a version; Blink ≥ 21 adds a trailer offset (8 + 4 bytes). */
  header(): void {
    while (this.peek() === VERSION) {
      this.at++;
      this.varint();
      if (this.peek() === BLINK_TRAILER_OFFSET) this.take(13);
    }
  }

  value(): Value {
    const tag = this.byte();
    switch (String.fromCharCode(tag)) {
      case '\0':
        return this.value(); // padding
      case '_':
        return undefined;
      case '0':
        return null;
      case 'T':
        return true;
      case 'F':
        return false;
      case 'I': {
        const zigzag = this.varint();
        return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
      }
      case 'U':
        return this.varint();
      case 'N':
        return new DataView(this.take(8).slice().buffer).getFloat64(0, true);
      case '"':
        return Buffer.from(this.take(this.varint())).toString('latin1');
      case 'c':
        return Buffer.from(this.take(this.varint())).toString('utf16le');
      case 'S':
        return Buffer.from(this.take(this.varint())).toString('utf8');
      case '^':
        return this.objects[this.varint()];
      case 'o':
        return this.object();
      case 'A':
        return this.denseArray();
      case 'B':
        return this.arrayBuffer();
      case '\\':
        return this.hostObject();
      default:
        throw new Error(`unsupported tag 0x${tag.toString(16)} at ${this.at - 1}`);
    }
  }

  private object(): Value {
    const out: { [key: string]: Value } = {};
    this.objects.push(out);
    while (this.peek() !== '{'.charCodeAt(0)) {
      const key = this.value();
      out[String(key)] = this.value();
    }
    this.at++;
    this.varint();
    return out;
  }

  private denseArray(): Value {
    const out: Value[] = [];
    this.objects.push(out);
    const length = this.varint();
    for (let i = 0; i < length; i++) out.push(this.value());
    if (this.byte() !== '$'.charCodeAt(0)) throw new Error('dense array: no end');
    this.varint();
    this.varint();
    return out;
  }

  /** An ArrayBuffer, and the Uint8Array view ('V', 'B') over it when one follows. */
  private arrayBuffer(): Value {
    const buffer = this.take(this.varint());
    this.objects.push(buffer);
    if (this.peek() !== 'V'.charCodeAt(0)) return buffer;
    this.at++;
    const kind = this.byte();
    const offset = this.varint();
    const length = this.varint();
    this.varint(); // flags
    if (kind !== 'B'.charCodeAt(0)) throw new Error(`unsupported view 0x${kind.toString(16)}`);
    const view = buffer.subarray(offset, offset + length);
    this.objects[this.objects.length - 1] = view;
    return view;
  }

  private hostObject(): Value {
    const tag = this.byte();
    if (tag !== 'K'.charCodeAt(0)) throw new Error(`unsupported host object 0x${tag.toString(16)}`);
    const keyType = this.varint();
    if (keyType !== AES_KEY) throw new Error(`unsupported CryptoKey type ${keyType}`);
    const algorithm = this.varint();
    this.varint(); // key length in bytes
    const usages = this.varint();
    const raw = this.take(this.varint());
    const key: SerializedCryptoKey = {
      cryptoKey: true,
      keyType,
      algorithm,
      extractable: (usages & EXTRACTABLE) !== 0,
      usages,
      raw,
    };
    this.objects.push(key);
    return key;
  }
}

export function isCryptoKey(value: Value): value is SerializedCryptoKey {
  return typeof value === 'object' && value !== null && 'cryptoKey' in value && value.cryptoKey === true;
}

/** One IndexedDB object-store value as LevelDB holds it. */
export function readIdbValue(stored: Uint8Array): Value {
  let bytes = stored.subarray(readVarint(stored, 0).next);
  if (bytes[0] === VERSION && bytes[1] === IDB_WRAPPED && bytes[2] === IDB_SNAPPY) {
    bytes = snappyDecompress(bytes.subarray(3));
  }
  const reader = new Reader(bytes);
  reader.header();
  return reader.value();
}
