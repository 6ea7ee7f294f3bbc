/**
 * Harder kinds of generated screenshot for the decode-rate suite: what zoomed-out pages, smoothed
 * images and lossy captures do to a code. Each kind changes one thing (plus the ordinary spread of
 * page, version, error correction and theme) so its rate says what that one thing costs.
 */
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import type { QrImage } from '../../src/core/qr/luma.ts';
import { mulberry32 } from './prng.ts';
import {
  type Ecl,
  PAGE_SIZES,
  type PageSpec,
  type PlacedQr,
  payloadForVersion,
  type QrSpec,
  renderPage,
  type TestPage,
  type Theme,
} from './qr-pages.ts';

export const STRESS_KINDS = ['zoom 67–80%', 'blur', 'jpeg 60–75', 'banner', 'light on dark'] as const;
export type StressKind = (typeof STRESS_KINDS)[number];

/** A strip across the symbol, in modules from its top (or left) edge: `modules` at most. */
export interface Banner {
  vertical: boolean;
  from: number;
  modules: number;
  /** Fill and text colour, as luma. */
  fill: number;
  text: number;
}

export interface StressSpec {
  kind: StressKind;
  page: PageSpec;
  /** Gaussian blur around the code, σ in frame pixels. */
  blur?: number;
  /** JPEG quality the region around the code goes through (jpeg-js, then decoded back). */
  jpeg?: number;
  banner?: Banner;
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const ALL_ECL = ['L', 'M', 'Q', 'H'] as const;
const DAYLIGHT: readonly Theme[] = ['light', 'dark', 'card'];

function qr(rng: Rng, module: number, ecls: readonly Ecl[] = ALL_ECL): QrSpec {
  const ecl = pick(rng, ecls);
  const version = int(rng, 2, 10);
  return {
    text: payloadForVersion(rng, version, ecl),
    version,
    ecl,
    module,
    quiet: pick(rng, [4, 4, 4, 2, 1]),
    logo: (ecl === 'H' || ecl === 'Q') && rng() < 0.4,
  };
}

/** Laptop-sized pages mostly: 4K pages cost most of the run time and add little here. */
function page(rng: Rng, index: number, zoom: number, theme: Theme, q: QrSpec): PageSpec {
  const roll = rng();
  const [width, height] = PAGE_SIZES[roll < 0.45 ? 0 : roll < 0.9 ? 1 : 2];
  return {
    index,
    width,
    height,
    zoom,
    theme,
    glyphs: rng() < 0.5,
    qrs: [q],
    seed: Math.floor(rng() * 2 ** 32),
  };
}

function one(rng: Rng, kind: StressKind, index: number): StressSpec {
  switch (kind) {
    case 'zoom 67–80%': {
      // 2-px CSS modules at 67, 75 and 80 % zoom: 1.34, 1.5 and 1.6 frame pixels.
      const zoom = pick(rng, [0.67, 0.75, 0.8]);
      return { kind, page: page(rng, index, zoom, pick(rng, DAYLIGHT), qr(rng, 2)) };
    }
    case 'blur': {
      const zoom = pick(rng, [0.9, 1, 1.25]);
      const q = qr(rng, pick(rng, [2, 3, 4, 5, 6]));
      // An image the site scales up with smoothing: edges spread over a third to half a module.
      const sigma = q.module * zoom * (0.3 + 0.2 * rng());
      return { kind, page: page(rng, index, zoom, pick(rng, DAYLIGHT), q), blur: sigma };
    }
    case 'jpeg 60–75': {
      // Small modules, where the 8-px blocks' ringing hurts most, down to 67 % zoom (1.34 px).
      const zoom = pick(rng, [0.67, 0.75, 0.8, 0.9, 1, 1.25]);
      const q = qr(rng, pick(rng, [2, 2, 3, 4]));
      return { kind, page: page(rng, index, zoom, pick(rng, DAYLIGHT), q), jpeg: int(rng, 60, 75) };
    }
    case 'banner': {
      const zoom = pick(rng, [0.9, 1, 1.25]);
      const q = { ...qr(rng, pick(rng, [2, 3, 4, 5, 6]), ['Q', 'H']), logo: false };
      const n = q.version * 4 + 17;
      // Wider than Q or H can repair; renderStress narrows it to what they can. Clear of the finders and the lower alignment
      // pattern: those are geometry, not data, and no error correction brings them back.
      const modules = Math.round(n * (q.ecl === 'H' ? 0.3 : 0.25));
      const vertical = rng() < 0.3;
      const from = int(rng, 9, Math.max(9, n - 10 - modules));
      const fill = pick(rng, [32, 240, 90]);
      const banner = { vertical, from, modules, fill, text: fill < 128 ? 235 : 40 };
      return { kind, page: page(rng, index, zoom, pick(rng, DAYLIGHT), q), banner };
    }
    case 'light on dark': {
      const zoom = pick(rng, [0.8, 0.9, 1, 1.25]);
      return { kind, page: page(rng, index, zoom, 'night', qr(rng, pick(rng, [2, 2, 3, 4, 5, 6]))) };
    }
  }
}

/** `perKind` cases of every kind, drawn from one seeded PRNG. */
export function stressSpecs(seed: number, perKind: number, firstIndex = 0): StressSpec[] {
  const rng = mulberry32(seed);
  const out: StressSpec[] = [];
  for (const kind of STRESS_KINDS) {
    for (let i = 0; i < perKind; i++) out.push(one(rng, kind, firstIndex + out.length));
  }
  return out;
}

/**
 * Does plain jsQR read the symbol drawn crisp at 4 px per module with every module the strip touches
 * (even in part) wrong? Then error correction repairs it however a decoder reads the banner's text.
 */
function repairable(code: QRCode.QRCode, vertical: boolean, touched: (t: number) => boolean): boolean {
  const n = code.modules.size;
  const px = 4;
  const side = (n + 8) * px;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const dark = (code.modules.get(r, c) === 1) !== touched(vertical ? c : r);
      if (!dark) continue;
      for (let k = 0; k < px; k++) {
        const o = ((r + 4) * px + k) * side + (c + 4) * px;
        data.fill(0, o * 4, (o + px) * 4);
      }
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return jsQR(data, side, side, { inversionAttempts: 'dontInvert' }) !== null;
}

// --- effects on the rendered frame ----------------------------------------------------------------

type Box = { x: number; y: number; width: number; height: number };

function around(image: QrImage, q: PlacedQr, zoom: number, modules: number, snap = 1): Box {
  const pad = modules * q.module * zoom + 16;
  const x0 = Math.max(0, Math.floor((q.box.x - pad) / snap) * snap);
  const y0 = Math.max(0, Math.floor((q.box.y - pad) / snap) * snap);
  const x1 = Math.min(image.width, Math.ceil((q.box.x + q.box.width + pad) / snap) * snap);
  const y1 = Math.min(image.height, Math.ceil((q.box.y + q.box.height + pad) / snap) * snap);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Pixel range [lo, hi) a banner covers across (rows, or columns when vertical). */
function bannerSpan(q: PlacedQr, zoom: number, b: Banner): [number, number] {
  const m = q.module * zoom;
  const origin = b.vertical ? q.box.x : q.box.y;
  return [Math.round(origin + b.from * m), Math.round(origin + (b.from + b.modules) * m)];
}

/** A sticky bar across the whole page, with a line of glyph-like text, over a strip of the symbol. */
function drawBanner(image: QrImage, q: PlacedQr, zoom: number, b: Banner, rng: Rng): void {
  const { data, width, height } = image;
  const [lo, hi] = bannerSpan(q, zoom, b);
  const set = (x: number, y: number, v: number) => {
    const i = (y * width + x) * 4;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
  };
  const along = b.vertical ? height : width;
  for (let t = lo; t < hi; t++)
    for (let s = 0; s < along; s++) set(b.vertical ? t : s, b.vertical ? s : t, b.fill);
  // Letters about half the bar tall, in words, down the middle of the bar.
  const size = Math.max(3, Math.round((hi - lo) * 0.5));
  const top = lo + Math.round((hi - lo - size) / 2);
  for (let s = int(rng, 4, 40); s < along - size; ) {
    for (let ch = int(rng, 2, 8); ch > 0 && s < along - size; ch--) {
      const w = Math.max(2, Math.round(size * (0.4 + 0.3 * rng())));
      for (let u = 0; u < size; u++) {
        for (let k = 0; k < w - 1; k++) {
          if (u > 0 && u < size - 1 && k > 0 && k < w - 2 && rng() < 0.6) continue;
          set(b.vertical ? top + u : s + k, b.vertical ? s + k : top + u, b.text);
        }
      }
      s += w;
    }
    s += size;
  }
}

/**
 * The widest banner, up to the spec's, whose every touched module error correction repairs (binary
 * search: a wider strip touches a superset of the modules).
 */
function fitBanner(q: PlacedQr, zoom: number, b: Banner): Banner {
  const code = QRCode.create(q.text, { errorCorrectionLevel: q.ecl, version: q.version });
  const m = q.module * zoom;
  const origin = b.vertical ? q.box.x : q.box.y;
  const fits = (modules: number) => {
    const [lo, hi] = bannerSpan(q, zoom, { ...b, modules });
    // Module t spans [origin + t·m, origin + (t + 1)·m) in frame pixels.
    return repairable(code, b.vertical, (t) => origin + (t + 1) * m > lo && origin + t * m < hi);
  };
  let good = 1;
  let bad = b.modules + 1;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return { ...b, modules: good };
}

function gaussian(sigma: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp((-i * i) / (2 * sigma * sigma));
  return k.map((v) => v / sum);
}

/** Separable Gaussian over `box` (the rest of the page stays sharp: blurring it all costs seconds). */
function blurRegion(image: QrImage, box: Box, sigma: number): void {
  const { data, width } = image;
  const k = gaussian(sigma);
  const r = (k.length - 1) >> 1;
  const { x: bx, y: by, width: bw, height: bh } = box;
  const tmp = new Float64Array(bw * bh * 3);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      for (let ch = 0; ch < 3; ch++) {
        let a = 0;
        for (let i = -r; i <= r; i++) {
          const sx = Math.min(bw - 1, Math.max(0, x + i));
          a += k[i + r]! * data[((by + y) * width + bx + sx) * 4 + ch]!;
        }
        tmp[(y * bw + x) * 3 + ch] = a;
      }
    }
  }
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      for (let ch = 0; ch < 3; ch++) {
        let a = 0;
        for (let i = -r; i <= r; i++)
          a += k[i + r]! * tmp[(Math.min(bh - 1, Math.max(0, y + i)) * bw + x) * 3 + ch]!;
        data[((by + y) * width + bx + x) * 4 + ch] = a;
      }
    }
  }
}

/**
 * Round trip of `box` (on the frame's 8-px block grid) through jpeg-js at `quality`, as the capture's
 * JPEG does. Only around the code: jpeg-js takes about a second for a whole 1080p frame.
 */
function jpegRegion(image: QrImage, box: Box, quality: number): void {
  const { data, width } = image;
  const crop = new Uint8Array(box.width * box.height * 4);
  for (let y = 0; y < box.height; y++) {
    const o = ((box.y + y) * width + box.x) * 4;
    crop.set(data.subarray(o, o + box.width * 4), y * box.width * 4);
  }
  const encoded = jpeg.encode({ data: crop, width: box.width, height: box.height }, quality);
  const back = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  for (let y = 0; y < box.height; y++) {
    const o = ((box.y + y) * width + box.x) * 4;
    data.set(back.data.subarray(y * box.width * 4, (y + 1) * box.width * 4), o);
  }
}

export interface StressPage extends TestPage {
  /** The banner as drawn (narrower than the spec's when that much could not be repaired). */
  banner?: Banner;
}

/** The page, then banner, blur and JPEG in the order a screen and a capture apply them. */
export function renderStress(s: StressSpec): StressPage {
  const page: StressPage = renderPage(s.page);
  const q = page.qrs[0];
  if (!q) return page;
  const zoom = s.page.zoom;
  if (s.banner) {
    page.banner = fitBanner(q, zoom, s.banner);
    drawBanner(page.image, q, zoom, page.banner, mulberry32(s.page.seed ^ 0x5bd1e995));
  }
  if (s.blur) blurRegion(page.image, around(page.image, q, zoom, q.quiet + 4), s.blur);
  if (s.jpeg) jpegRegion(page.image, around(page.image, q, zoom, q.quiet + 6, 8), s.jpeg);
  return page;
}
