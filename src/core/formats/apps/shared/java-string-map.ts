/**
 * A `java.util.HashMap<String, String>` written with Java's ObjectOutputStream (FreeOTP v2's backup),
 * read without a general Java deserializer: the stream is fixed in shape (Java Object Serialization
 * Specification §6.4): magic, version, one TC_OBJECT with HashMap's class descriptor and its
 * primitive fields, then a block holding the bucket count and the size, then the keys and values as
 * strings (or back-references to strings already written), then TC_ENDBLOCKDATA.
 * Anything else is refused, so no class of the file's choosing is ever "read".
 */
export class JavaStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JavaStreamError';
  }
}

const MAGIC = 0xaced;
const VERSION = 5;
const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_STRING = 0x74;
const TC_BLOCKDATA = 0x77;
const TC_ENDBLOCKDATA = 0x78;
const TC_BLOCKDATALONG = 0x7a;
const TC_LONGSTRING = 0x7c;
const BASE_HANDLE = 0x7e0000;
const SC_WRITE_METHOD = 0x01;
const SC_SERIALIZABLE = 0x02;
/** Bytes of each primitive field type code; HashMap has only `loadFactor` (F) and `threshold` (I). */
const PRIMITIVE_SIZES: Record<string, number> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.bytes.length) throw new JavaStreamError('The stream is cut off.');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0]!;
  }
  u16(): number {
    const b = this.take(2);
    return (b[0]! << 8) | b[1]!;
  }
  u32(): number {
    const b = this.take(4);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }
  utf(length = this.u16()): string {
    return decodeModifiedUtf8(this.take(length));
  }
  expect(code: number, what: string): void {
    if (this.u8() !== code) throw new JavaStreamError(`Expected ${what}.`);
  }
}

/**
 * Java's "modified UTF-8": like UTF-8 but NUL is two bytes and characters beyond the BMP are their
 * two surrogates, three bytes each, so decoding per byte pattern into UTF-16 units is exact.
 */
export function decodeModifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  let out = '';
  const cont = (i: number): number => {
    const b = bytes[i];
    if (b === undefined || (b & 0xc0) !== 0x80) throw new JavaStreamError('A string is not valid UTF-8.');
    return b & 0x3f;
  };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units.push(b);
      i += 1;
    } else if ((b & 0xe0) === 0xc0) {
      units.push(((b & 0x1f) << 6) | cont(i + 1));
      i += 2;
    } else if ((b & 0xf0) === 0xe0) {
      units.push(((b & 0x0f) << 12) | (cont(i + 1) << 6) | cont(i + 2));
      i += 3;
    } else {
      throw new JavaStreamError('A string is not valid modified UTF-8.');
    }
    // Flush in slices: String.fromCharCode's argument count is limited.
    if (units.length >= 4096) out += String.fromCharCode(...units.splice(0));
  }
  return out + String.fromCharCode(...units);
}

export function isJavaStream(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    ((bytes[0]! << 8) | bytes[1]!) === MAGIC &&
    ((bytes[2]! << 8) | bytes[3]!) === VERSION
  );
}

/** The map's entries; a null key or value (HashMap allows them) is left out. */
export function parseJavaStringMap(bytes: Uint8Array): Map<string, string> {
  const r = new Reader(bytes);
  if (r.u16() !== MAGIC || r.u16() !== VERSION)
    throw new JavaStreamError('This is not a Java object stream.');
  // Handles number every class descriptor, object and string in order; we keep the strings.
  const handles: (string | null)[] = [];
  r.expect(TC_OBJECT, 'an object');
  r.expect(TC_CLASSDESC, 'a class description');
  if (r.utf() !== 'java.util.HashMap') throw new JavaStreamError('The object is not a HashMap.');
  r.take(8); // serialVersionUID: differs between Android versions, so not checked
  handles.push(null);
  const flags = r.u8();
  if ((flags & (SC_WRITE_METHOD | SC_SERIALIZABLE)) !== (SC_WRITE_METHOD | SC_SERIALIZABLE)) {
    throw new JavaStreamError('The HashMap was not written by its own writeObject.');
  }
  const fieldSizes: number[] = [];
  for (let count = r.u16(); count > 0; count--) {
    const size = PRIMITIVE_SIZES[String.fromCharCode(r.u8())];
    r.utf();
    if (size === undefined) throw new JavaStreamError('The HashMap has a field that is not a number.');
    fieldSizes.push(size);
  }
  r.expect(TC_ENDBLOCKDATA, 'the end of the class annotation');
  r.expect(TC_NULL, 'no serializable superclass');
  handles.push(null);
  for (const size of fieldSizes) r.take(size);

  const blockCode = r.u8();
  let blockLength: number;
  if (blockCode === TC_BLOCKDATA) blockLength = r.u8();
  else if (blockCode === TC_BLOCKDATALONG) blockLength = r.u32();
  else throw new JavaStreamError('Expected the HashMap size.');
  if (blockLength < 8) throw new JavaStreamError('The HashMap size is cut off.');
  const block = r.take(blockLength);
  const size = ((block[4]! << 24) | (block[5]! << 16) | (block[6]! << 8) | block[7]!) >> 0;
  if (size < 0) throw new JavaStreamError('The HashMap size is negative.');

  const readString = (): string | null => {
    const code = r.u8();
    if (code === TC_NULL) return null;
    if (code === TC_REFERENCE) {
      const value = handles[r.u32() - BASE_HANDLE];
      if (typeof value !== 'string') throw new JavaStreamError('A reference does not point to a string.');
      return value;
    }
    let length: number;
    if (code === TC_STRING) length = r.u16();
    else if (code === TC_LONGSTRING) {
      if (r.u32() !== 0) throw new JavaStreamError('A string is impossibly long.');
      length = r.u32();
    } else throw new JavaStreamError('An entry of the HashMap is not a string.');
    const value = r.utf(length);
    handles.push(value);
    return value;
  };
  const map = new Map<string, string>();
  // Each entry consumes at least two bytes, so a lying size runs into the end of the file, not a loop.
  for (let i = 0; i < size; i++) {
    const key = readString();
    const value = readString();
    if (key !== null && value !== null) map.set(key, value);
  }
  r.expect(TC_ENDBLOCKDATA, 'the end of the HashMap');
  return map;
}
