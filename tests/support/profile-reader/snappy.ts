/**
 * Snappy decompression (the raw format LevelDB uses for its table blocks), written out here so the
 * profile-recovery test needs no dependency: a varint length, then literals and back-references.
 */
import { readVarint } from './varint.ts';

export function snappyDecompress(input: Uint8Array): Uint8Array {
  const { value: length, next } = readVarint(input, 0);
  const out = new Uint8Array(length);
  let at = next;
  let size = 0;
  while (at < input.length) {
    const tag = input[at++]!;
    if ((tag & 3) === 0) {
      let literal = tag >> 2;
      if (literal >= 60) {
        const bytes = literal - 59;
        literal = 0;
        for (let i = 0; i < bytes; i++) literal |= input[at++]! << (8 * i);
      }
      literal += 1;
      if (at + literal > input.length || size + literal > length) throw new Error('snappy: literal overruns');
      out.set(input.subarray(at, at + literal), size);
      at += literal;
      size += literal;
      continue;
    }
    let copy: number;
    let offset: number;
    if ((tag & 3) === 1) {
      copy = 4 + ((tag >> 2) & 7);
      offset = ((tag >> 5) << 8) | input[at++]!;
    } else if ((tag & 3) === 2) {
      copy = 1 + (tag >> 2);
      offset = input[at]! | (input[at + 1]! << 8);
      at += 2;
    } else {
      copy = 1 + (tag >> 2);
      offset = (input[at]! | (input[at + 1]! << 8) | (input[at + 2]! << 16) | (input[at + 3]! << 24)) >>> 0;
      at += 4;
    }
    if (offset === 0 || offset > size || size + copy > length) throw new Error('snappy: bad copy');
    // Byte by byte: a copy may overlap the bytes it is producing (a run).
    for (let i = 0; i < copy; i++, size++) out[size] = out[size - offset]!;
  }
  if (size !== length) throw new Error(`snappy: ${size} bytes, expected ${length}`);
  return out;
}
