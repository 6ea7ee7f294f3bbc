import type { Crop, Point, SymbolGrid } from './crop.ts';
import type { QrImage } from './luma.ts';

/** Output pixels per module of the redrawn symbol, and its quiet zone in modules. */
const PX = 3;
const QUIET = 4;

/** Bilinear luma at a frame point (pixel edges at integers). */
function lumaNear(data: Uint8ClampedArray, width: number, height: number, x: number, y: number): number {
  const sx = Math.min(width - 1.001, Math.max(0, x - 0.5));
  const sy = Math.min(height - 1.001, Math.max(0, y - 0.5));
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const wx = sx - x0;
  const wy = sy - y0;
  const a = (y0 * width + x0) * 4;
  const b = a + width * 4;
  const l = (i: number) => data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29;
  const top = l(a) + (l(a + 4) - l(a)) * wx;
  const bottom = l(b) + (l(b + 4) - l(b)) * wx;
  return (top + (bottom - top) * wy) / 256;
}

/** Is module (r, c) of a finder (7×7 at `r0`, `c0`) dark? Rings at 0 and 6, core 2–4. */
function finderDark(r: number, c: number): boolean {
  const d = Math.max(Math.abs(r - 3), Math.abs(c - 3));
  return d !== 2;
}

/** Alignment pattern centres along one axis (ISO 18004 annex E), as Nayuki's generator derives them. */
function alignmentCentres(version: number, dim: number): number[] {
  if (version < 2) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const out = [6];
  for (let pos = dim - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

/**
 * The modules every symbol of this size has in the same place (finders with their separators,
 * timing tracks, alignment patterns): 1 dark, 0 light, 255 data. Drawn as they must be, one
 * misread module in them can no longer throw jsQR's locator off, and they carry no data to lose.
 */
export function fixedModules(dim: number): Uint8Array {
  const fixed = new Uint8Array(dim * dim).fill(255);
  const set = (r: number, c: number, dark: boolean) => {
    if (r >= 0 && c >= 0 && r < dim && c < dim) fixed[r * dim + c] = dark ? 1 : 0;
  };
  for (let k = 8; k < dim - 8; k++) {
    set(6, k, k % 2 === 0);
    set(k, 6, k % 2 === 0);
  }
  const centres = alignmentCentres((dim - 17) / 4, dim);
  const last = centres.length - 1;
  centres.forEach((r, i) => {
    centres.forEach((c, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dr = -2; dr <= 2; dr++)
        for (let dc = -2; dc <= 2; dc++) set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    });
  });
  for (const [r0, c0] of [
    [0, 0],
    [0, dim - 7],
    [dim - 7, 0],
  ] as const) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        const inFinder = r >= 0 && r < 7 && c >= 0 && c < 7;
        set(r0 + r, c0 + c, inFinder && finderDark(r, c));
      }
    }
  }
  return fixed;
}

/**
 * The symbol redrawn crisp from one sample per module centre. Blur and small modules leave module
 * centres readable long after edges are gone; jsQR's own binarizer and sampler need the edges. Each
 * sample is sharpened against its four neighbours (blur mixes about a tenth of each into it, so an
 * isolated light module in dark ones falls below the midpoint), then split at the midpoint of what
 * the finder patterns, whose modules are known, read as dark and as light.
 */
export function regridCrop(image: QrImage, grid: SymbolGrid, sharpen: number): Crop {
  const { data, width, height } = image;
  const { origin, u, v, dim } = grid;
  const raw = new Float32Array(dim * dim);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const x = origin.x + (c + 0.5) * u.x + (r + 0.5) * v.x;
      const y = origin.y + (c + 0.5) * u.y + (r + 0.5) * v.y;
      raw[r * dim + c] = lumaNear(data, width, height, x, y);
    }
  }
  const at = (r: number, c: number) =>
    raw[Math.min(dim - 1, Math.max(0, r)) * dim + Math.min(dim - 1, Math.max(0, c))]!;
  const sharp = new Float32Array(dim * dim);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const s = at(r, c);
      sharp[r * dim + c] = s + sharpen * (4 * s - at(r - 1, c) - at(r + 1, c) - at(r, c - 1) - at(r, c + 1));
    }
  }
  // Reference levels from the three finders, inner 7×7 each (their rings are fixed, not data).
  let darkSum = 0;
  let lightSum = 0;
  let darkN = 0;
  let lightN = 0;
  for (const [r0, c0] of [
    [0, 0],
    [0, dim - 7],
    [dim - 7, 0],
  ] as const) {
    for (let r = 0; r < 7; r++) {
      for (let c = 0; c < 7; c++) {
        const s = sharp[(r0 + r) * dim + c0 + c]!;
        if (finderDark(r, c)) {
          darkSum += s;
          darkN++;
        } else {
          lightSum += s;
          lightN++;
        }
      }
    }
  }
  const darkRef = darkSum / darkN;
  const lightRef = lightSum / lightN;
  const mid = (darkRef + lightRef) / 2;
  // Polarity from the references too: whichever level the finders' dark modules read at.
  const darkBelow = darkRef < lightRef;
  const side = (dim + 2 * QUIET) * PX;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  const fixed = fixedModules(dim);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const f = fixed[r * dim + c]!;
      if (f === 0 || (f === 255 && sharp[r * dim + c]! < mid !== darkBelow)) continue;
      for (let y = 0; y < PX; y++) {
        const o = ((r + QUIET) * PX + y) * side + (c + QUIET) * PX;
        for (let k = 0; k < PX; k++) {
          rgba[(o + k) * 4] = 0;
          rgba[(o + k) * 4 + 1] = 0;
          rgba[(o + k) * 4 + 2] = 0;
        }
      }
    }
  }
  const toFrame = (p: Point): Point => {
    const a = p.x / PX - QUIET;
    const b = p.y / PX - QUIET;
    return { x: origin.x + a * u.x + b * v.x, y: origin.y + a * u.y + b * v.y };
  };
  return { data: rgba, width: side, height: side, toFrame };
}
