import { describe, expect, it } from 'vitest';
import { trustedTexts } from './scan-trust';

const TAB = 'https://evil.test';

describe('trustedTexts', () => {
  it('trusts what the top document of the tab showed', () => {
    expect(trustedTexts([{ origin: TAB, texts: [' otpauth://a '] }], TAB)).toEqual(new Set(['otpauth://a']));
  });

  it('trusts a frame of the same origin', () => {
    const reads = [
      { origin: TAB, texts: [] },
      { origin: TAB, texts: ['otpauth://framed'] },
    ];
    expect(trustedTexts(reads, TAB)).toEqual(new Set(['otpauth://framed']));
  });

  it("does not trust another origin's frame, even the real site framed by a look-alike", () => {
    const reads = [
      { origin: TAB, texts: ['otpauth://own'] },
      { origin: 'https://victim.test', texts: ['otpauth://victim'] },
    ];
    expect(trustedTexts(reads, TAB)).toEqual(new Set(['otpauth://own']));
  });

  it('tells scheme and port apart: they are other origins', () => {
    const reads = [
      { origin: 'http://evil.test', texts: ['otpauth://http'] },
      { origin: 'https://evil.test:8443', texts: ['otpauth://port'] },
    ];
    expect(trustedTexts(reads, TAB).size).toBe(0);
  });

  it('trusts nothing on an opaque origin: sandboxed frames all read "null"', () => {
    expect(trustedTexts([{ origin: 'null', texts: ['otpauth://x'] }], 'null').size).toBe(0);
  });

  it('trusts nothing when no frame could be read (a code seen only in the capture)', () => {
    expect(trustedTexts([], TAB).size).toBe(0);
  });
});
