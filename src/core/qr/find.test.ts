import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  codeFrame,
  jpegLike,
  mulberry32,
  payloadForVersion,
  renderPage,
  THEMES,
} from '../../../tests/support/qr-pages.ts';
import { findQrCodes, type QrImage, warmUpQrDecoder } from './index.ts';

const OTP = 'otpauth://totp/Example:alice%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Example';

function noise(width: number, height: number, seed: number): QrImage {
  const rng = mulberry32(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i & 3) === 3 ? 255 : rng() * 256;
  return { data, width, height };
}

describe('findQrCodes: what it reads', () => {
  it('reads a non-otpauth code as its text, with the raw bytes', () => {
    const text = 'WIFI:S:Café;T:WPA;P:correct horse;;';
    const hits = findQrCodes(codeFrame(640, 480, [{ text, x: 200, y: 120, module: 4 }]));
    expect(hits.map((h) => h.text)).toEqual([text]);
    expect(hits[0]!.bytes).toEqual([...new TextEncoder().encode(text)]);
  });

  it('reports where the symbol is', () => {
    const module = 3;
    const hits = findQrCodes(codeFrame(800, 600, [{ text: OTP, x: 311, y: 207, module, version: 5 }]));
    expect(hits).toHaveLength(1);
    const side = 37 * module;
    const { box } = hits[0]!;
    for (const [got, want] of [
      [box.x, 311],
      [box.y, 207],
      [box.width, side],
      [box.height, side],
    ] as const) {
      expect(Math.abs(got - want)).toBeLessThanOrEqual(1.5 * module);
    }
  });

  it('reads light-on-dark codes on a light page too (a black card with white modules)', () => {
    const image = codeFrame(900, 600, [{ text: OTP, x: 300, y: 150, module: 3, dark: 250, light: 20 }], 245);
    expect(findQrCodes(image).map((h) => h.text)).toEqual([OTP]);
  });

  it('finds several codes and lists them top-to-bottom, then left-to-right', () => {
    const image = codeFrame(1600, 1000, [
      { text: 'third', x: 1100, y: 600, module: 4 },
      { text: 'second', x: 900, y: 80, module: 3 },
      { text: 'first', x: 120, y: 100, module: 2 },
      { text: 'fourth', x: 200, y: 610, module: 5, ecl: 'H' },
    ]);
    // "third" (x 1100, y 600) and "fourth" (x 200, y 610) share a row: left one first.
    expect(findQrCodes(image).map((h) => h.text)).toEqual(['first', 'second', 'fourth', 'third']);
  });

  it('keeps the same code twice when it is shown in two places', () => {
    const image = codeFrame(1200, 500, [
      { text: OTP, x: 100, y: 100, module: 3 },
      { text: OTP, x: 700, y: 120, module: 3 },
    ]);
    const hits = findQrCodes(image);
    expect(hits.map((h) => h.text)).toEqual([OTP, OTP]);
    expect(hits[0]!.box.x).toBeLessThan(hits[1]!.box.x);
  });

  it('tells apart two codes that share a thin quiet zone', () => {
    // Version 3 (29 modules) at 3 px, one module of quiet zone each: 6 px between the symbols.
    const image = codeFrame(700, 300, [
      { text: 'left', x: 100, y: 100, module: 3, version: 3, quiet: 1 },
      { text: 'right', x: 100 + 29 * 3 + 6, y: 100, module: 3, version: 3, quiet: 1 },
    ]);
    expect(findQrCodes(image).map((h) => h.text)).toEqual(['left', 'right']);
  });

  it('finds all of many codes on one page', () => {
    const codes = Array.from({ length: 24 }, (_, i) => ({
      text: `code ${i + 1}`,
      x: 150 + (i % 6) * 600,
      y: 150 + Math.floor(i / 6) * 500,
      module: 2 + (i % 4),
    }));
    const hits = findQrCodes(codeFrame(3840, 2160, codes));
    expect(hits.map((h) => h.text)).toEqual(codes.map((c) => c.text));
  });

  it('reads a code with 2-px modules in a 4K frame', () => {
    const image = codeFrame(3840, 2160, [{ text: OTP, x: 3001, y: 1733, module: 2, quiet: 2 }]);
    expect(findQrCodes(image).map((h) => h.text)).toEqual([OTP]);
  });

  it('reads a code whose modules are too big for the full-resolution search', () => {
    const image = codeFrame(1920, 1080, [{ text: 'big', x: 500, y: 50, module: 36, ecl: 'L', quiet: 1 }]);
    expect(findQrCodes(image).map((h) => h.text)).toEqual(['big']);
  });

  it('reads small codes through JPEG loss (captureVisibleTab defaults to JPEG)', () => {
    const rng = mulberry32(5);
    let index = 0;
    for (const theme of THEMES) {
      for (const zoom of [0.9, 1.25]) {
        const qrs = [
          { text: payloadForVersion(rng, 6, 'M'), version: 6, ecl: 'M' as const, module: 2, quiet: 2 },
        ];
        const page = renderPage({
          index,
          width: 1920,
          height: 1080,
          zoom,
          theme,
          glyphs: true,
          qrs,
          seed: ++index,
        });
        const { box } = page.qrs[0]!;
        const pad = 16 * zoom;
        jpegLike(page.image, 75, {
          x: box.x - pad,
          y: box.y - pad,
          width: box.width + 2 * pad,
          height: box.height + 2 * pad,
        });
        expect(findQrCodes(page.image).map((h) => h.text)).toEqual([qrs[0]!.text]);
      }
    }
  });

  it('bounds its work by candidates tried, not by the clock', () => {
    const codes = Array.from({ length: 12 }, (_, i) => ({
      text: `code ${i + 1}`,
      x: 100 + (i % 4) * 450,
      y: 100 + Math.floor(i / 4) * 330,
      module: 4,
    }));
    const image = codeFrame(1920, 1080, codes);
    expect(findQrCodes(image, { maxCandidates: 0 })).toEqual([]);
    // Each plane hands at most three symbols to the decoder.
    expect(findQrCodes(image, { maxCandidates: 3 }).length).toBeLessThanOrEqual(6);
    expect(findQrCodes(image)).toHaveLength(12);
  });

  it('finds the same codes when every clock reading says a second has passed (a slow machine)', () => {
    const image = codeFrame(1920, 1080, [{ text: OTP, x: 500, y: 300, module: 4 }]);
    let fakeNow = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (fakeNow += 1_000));
    const dateClock = vi.spyOn(Date, 'now').mockImplementation(() => (fakeNow += 1_000));
    try {
      expect(findQrCodes(image).map((h) => h.text)).toEqual([OTP]);
    } finally {
      clock.mockRestore();
      dateClock.mockRestore();
    }
  });
});

describe('warmUpQrDecoder', () => {
  it('reads both of its built-in codes', () => {
    expect(warmUpQrDecoder()).toBe(true);
  });
});

describe('findQrCodes: no false positives, no throws', () => {
  it.each(THEMES)('finds nothing on a cluttered %s page without codes', (theme) => {
    for (const [width, height, zoom] of [
      [1280, 800, 1],
      [1920, 1080, 1.25],
      [3840, 2160, 0.9],
    ] as const) {
      for (const glyphs of [false, true]) {
        const page = renderPage({
          index: 0,
          width,
          height,
          zoom,
          theme,
          glyphs,
          qrs: [],
          seed: width + (glyphs ? 1 : 0),
        });
        expect(findQrCodes(page.image)).toEqual([]);
      }
    }
  });

  it('finds nothing in random noise', () => {
    expect(findQrCodes(noise(640, 480, 1))).toEqual([]);
    expect(findQrCodes(noise(1920, 1080, 2))).toEqual([]);
  });

  it('returns [] for unusable input', () => {
    const bad: unknown[] = [
      undefined,
      null,
      {},
      { data: new Uint8ClampedArray(0), width: 0, height: 0 },
      { data: new Uint8ClampedArray(4), width: 1, height: 1 },
      { data: new Uint8ClampedArray(400), width: 10, height: 10 },
      { data: new Uint8ClampedArray(100), width: 100, height: 100 },
      { data: new Uint8ClampedArray(400), width: Number.NaN, height: 100 },
      { data: new Uint8ClampedArray(400), width: -100, height: -1 },
      { data: new Uint8ClampedArray(400), width: 2.5, height: 40 },
      { data: new Uint8ClampedArray(16), width: 1e9, height: 1e9 },
      { data: 'not pixels', width: 30, height: 30 },
      { width: 30, height: 30 },
    ];
    for (const image of bad) expect(findQrCodes(image as QrImage)).toEqual([]);
  });

  it('never throws on arbitrary pixels and sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer(),
        fc.boolean(),
        (width, height, seed, short) => {
          const image = noise(width, height, seed);
          const data = short ? image.data.subarray(0, Math.max(0, image.data.length - 4)) : image.data;
          const hits = findQrCodes({ data, width, height });
          expect(Array.isArray(hits)).toBe(true);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('handles frame sizes that are not multiples of anything (zoomed windows)', () => {
    const image = codeFrame(1517, 853, [
      { text: OTP, x: 1517 - 37 * 3 - 5, y: 853 - 37 * 3 - 4, module: 3, version: 5, quiet: 1 },
    ]);
    expect(findQrCodes(image).map((h) => h.text)).toEqual([OTP]);
  });

  it('reads a code at the very edge of the frame (no quiet zone beyond it)', () => {
    const image = codeFrame(400, 300, [{ text: OTP, x: 0, y: 0, module: 3, quiet: 0 }]);
    expect(findQrCodes(image).map((h) => h.text)).toEqual([OTP]);
  });
});
