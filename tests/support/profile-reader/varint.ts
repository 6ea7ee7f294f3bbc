/** LevelDB's and V8's unsigned LEB128 varint. Numbers stay below 2^53 in everything read here. */
export function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: i + 1 };
    scale *= 128;
    if (scale > 2 ** 56) break;
  }
  throw new Error(`bad varint at ${at}`);
}
