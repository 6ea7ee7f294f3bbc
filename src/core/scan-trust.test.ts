import { describe, expect, it } from 'vitest';
import { pageReadIsComplete, trustedTexts } from './scan-trust';

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

describe('pageReadIsComplete', () => {
  const top = { origin: TAB, texts: ['otpauth://a'], unread: 0, top: true };

  it('is complete when the top document found a code and nothing on screen was closed to it', () => {
    expect(pageReadIsComplete([top])).toBe(true);
    expect(pageReadIsComplete([top, { origin: TAB, texts: [], unread: 0 }])).toBe(true);
  });

  it('waits for the capture when any frame could not look into something it shows', () => {
    expect(pageReadIsComplete([{ ...top, unread: 1 }])).toBe(false);
    expect(pageReadIsComplete([top, { origin: TAB, texts: [], unread: 2 }])).toBe(false);
  });

  it('waits for the capture when nothing was found, or the top document did not answer', () => {
    expect(pageReadIsComplete([{ ...top, texts: [] }])).toBe(false);
    expect(pageReadIsComplete([{ ...top, top: false }])).toBe(false);
    expect(pageReadIsComplete([])).toBe(false);
  });

  it('does not count a read from an older script that reports no unread figure as complete', () => {
    expect(pageReadIsComplete([{ origin: TAB, texts: ['otpauth://a'], top: true }])).toBe(false);
  });
});
