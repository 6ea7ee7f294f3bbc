import type { QrImage } from './luma.ts';

export interface Point {
  x: number;
  y: number;
}

/** Where a symbol is believed to be: module (0, 0) at `origin`, one module along the axes is `u` / `v`. */
export interface SymbolGrid {
  origin: Point;
  u: Point;
  v: Point;
  dim: number;
}

export interface Crop {
  /** Grey RGBA, dark modules dark, for jsQR. */
  data: Uint8ClampedArray;
  width: number;
  height: number;
  /** Crop → frame position (both with pixel edges at integers). */
  toFrame(p: Point): Point;
}

export interface CropRequest {
  /** Frame region to cut, in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Output pixels per frame pixel. */
  scale: number;
  invert: boolean;
  /**
   * Paint everything further than `maskModules` outside this grid light: sites often leave only a
   * module or two of quiet zone, and text hugging the code can make jsQR pick the wrong finder.
   */
  grid?: SymbolGrid;
  maskModules?: number;
  /** Hard black/white at the midpoint of the stretched range. */
  binarize?: boolean;
}

/**
 * Cuts a region, resamples it bilinearly (upscaling 2-px modules so jsQR's 8×8-block binarizer and
 * its module sampler have room), stretches contrast to the full range and fixes the polarity.
 */
export function renderCrop(image: QrImage, req: CropRequest): Crop {
  const { data, width: fw, height: fh } = image;
  const { scale } = req;
  const width = Math.max(1, Math.round(req.width * scale));
  const height = Math.max(1, Math.round(req.height * scale));
  const inv = 1 / scale;
  const xs = new Int32Array(width);
  const wxs = new Float32Array(width);
  for (let ox = 0; ox < width; ox++) {
    const sx = Math.min(fw - 1, Math.max(0, req.x + (ox + 0.5) * inv - 0.5));
    const x0 = Math.min(fw - 2, Math.floor(sx));
    xs[ox] = x0 * 4;
    wxs[ox] = sx - x0;
  }
  const grey = new Uint8Array(width * height);
  for (let oy = 0; oy < height; oy++) {
    const sy = Math.min(fh - 1, Math.max(0, req.y + (oy + 0.5) * inv - 0.5));
    const y0 = Math.min(fh - 2, Math.floor(sy));
    sampleRow(data, y0 * fw * 4, (y0 + 1) * fw * 4, xs, wxs, sy - y0, grey, oy * width);
  }
  const toFrame = (p: Point): Point => ({ x: req.x + p.x * inv, y: req.y + p.y * inv });

  const inside = maskOf(req, width, height, inv);
  // Contrast from the 1st/99th percentiles inside the mask, so one black pixel cannot flatten it.
  const hist = new Uint32Array(256);
  let counted = 0;
  for (let i = 0; i < grey.length; i++) {
    if (inside && inside[i] === 0) continue;
    hist[grey[i]!]!++;
    counted++;
  }
  let lo = 0;
  let hi = 255;
  for (let acc = 0; lo < 255 && acc + hist[lo]! <= counted * 0.01; lo++) acc += hist[lo]!;
  for (let acc = 0; hi > 0 && acc + hist[hi]! <= counted * 0.01; hi--) acc += hist[hi]!;
  const span = Math.max(1, hi - lo);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    let s = Math.min(255, Math.max(0, Math.round(((v - lo) * 255) / span)));
    if (req.binarize) s = s < 128 ? 0 : 255;
    lut[v] = req.invert ? 255 - s : s;
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) {
    const v = inside && inside[i] === 0 ? 255 : lut[grey[i]!]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  return { data: rgba, width, height, toFrame };
}

/** One output row of bilinear luma; luma is kept ×256 until the end to stay in integers longer. */
function sampleRow(
  data: Uint8ClampedArray,
  r0: number,
  r1: number,
  xs: Int32Array,
  wxs: Float32Array,
  wy: number,
  out: Uint8Array,
  o: number,
): void {
  for (let ox = 0; ox < xs.length; ox++) {
    const a = r0 + xs[ox]!;
    const b = r1 + xs[ox]!;
    const p00 = data[a]! * 77 + data[a + 1]! * 150 + data[a + 2]! * 29;
    const p01 = data[a + 4]! * 77 + data[a + 5]! * 150 + data[a + 6]! * 29;
    const p10 = data[b]! * 77 + data[b + 1]! * 150 + data[b + 2]! * 29;
    const p11 = data[b + 4]! * 77 + data[b + 5]! * 150 + data[b + 6]! * 29;
    const wx = wxs[ox]!;
    const top = p00 + (p01 - p00) * wx;
    const bottom = p10 + (p11 - p10) * wx;
    out[o + ox] = (top + (bottom - top) * wy) / 256;
  }
}

/** 1 where a crop pixel lies within `maskModules` of the symbol grid, 0 elsewhere; undefined: no mask. */
function maskOf(req: CropRequest, width: number, height: number, inv: number): Uint8Array | undefined {
  const { grid } = req;
  if (!grid || req.maskModules === undefined) return undefined;
  const { origin, u, v, dim } = grid;
  const det = u.x * v.y - u.y * v.x;
  if (Math.abs(det) < 1e-9) return undefined;
  const lo = -req.maskModules;
  const hi = dim + req.maskModules;
  const mask = new Uint8Array(width * height);
  // Module coordinates are affine in crop pixels: step them instead of solving per pixel.
  const di = (inv * v.y) / det;
  const dj = (-inv * u.y) / det;
  for (let oy = 0; oy < height; oy++) {
    const dx = req.x + 0.5 * inv - origin.x;
    const dy = req.y + (oy + 0.5) * inv - origin.y;
    let i = (dx * v.y - dy * v.x) / det;
    let j = (u.x * dy - u.y * dx) / det;
    for (let ox = 0, k = oy * width; ox < width; ox++, k++, i += di, j += dj) {
      if (i >= lo && i <= hi && j >= lo && j <= hi) mask[k] = 1;
    }
  }
  return mask;
}
