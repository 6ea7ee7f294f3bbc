import { describe, expect, it } from 'vitest';
import { snappyDecompress } from './snappy.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part)] : part)));
const text = (out: Uint8Array) => Buffer.from(out).toString();

// Hand-assembled streams (format_description.txt of Snappy): one per element kind.
describe('snappyDecompress', () => {
  it('reads a short literal and an overlapping 1-byte-offset copy', () => {
    expect(text(snappyDecompress(bytes([12, 0x08], 'abc', [0x15, 3])))).toBe('abcabcabcabc');
  });

  it('reads a 2-byte-offset copy and a 4-byte-offset copy', () => {
    const out = snappyDecompress(bytes([20, 0x1c], 'abcdefgh', [0x1e, 8, 0], [0x0f, 4, 0, 0, 0]));
    expect(text(out)).toBe('abcdefghabcdefghefgh');
  });

  it('reads a literal whose length needs an extra byte', () => {
    const long = 'x'.repeat(100);
    expect(text(snappyDecompress(bytes([100], [60 << 2, 99], long)))).toBe(long);
  });

  it('refuses a copy from before the start, and a stream shorter than it claims', () => {
    expect(() => snappyDecompress(bytes([8, 0x08], 'abc', [0x15, 4]))).toThrow(/bad copy/);
    expect(() => snappyDecompress(bytes([9, 0x08], 'abc'))).toThrow(/expected 9/);
  });
});
