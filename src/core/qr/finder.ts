import type { Plane } from './plane.ts';
import { BLOCK_SHIFT } from './threshold.ts';

// A module-level copy: bundlers and test runners may turn an imported binding into a getter call,
// which costs more than the work itself in the per-pixel loop.
const SHIFT = BLOCK_SHIFT;

/**
 * A finder pattern (the 7×7 bull's-eye in three corners of every QR). `inverted` finders have a light
 * core and rings on a dark background, as dark-mode pages draw them.
 */
export interface Finder {
  /** Plane coordinates, pixel edges at integers. */
  x: number;
  y: number;
  /** Module size in plane pixels. */
  module: number;
  inverted: boolean;
  /** Scan rows that hit it: more hits, more likely a real finder. */
  count: number;
}

/** 1:1:3:1:1 within ZXing's tolerance (half a module on the rings, 1.5 modules on the core). */
function ratioOk(a: number, b: number, c: number, d: number, e: number): boolean {
  const total = a + b + c + d + e;
  if (total < 7) return false;
  const m = total / 7;
  // Runs are whole pixels, and a pixel a module edge halves can fall either way: at 2-px modules
  // a ring reads 1, 2 or 3 (at 1.34 px, 1 or 2), which half a module of tolerance would reject.
  // max(m / 2, min(m / 2 + 0.5, 1.25)) without calls: this runs at every run boundary of every row.
  const v = m >= 2.5 ? m / 2 : m >= 1.5 ? 1.25 : m / 2 + 0.5;
  return (
    Math.abs(a - m) < v &&
    Math.abs(b - m) < v &&
    Math.abs(c - 3 * m) < 3 * v &&
    Math.abs(d - m) < v &&
    Math.abs(e - m) < v
  );
}

interface Cross {
  centre: number;
  total: number;
  /**
   * Module size from the distance between the middles of the two outer ring runs (six modules).
   * Unlike the total width it does not grow or shrink when blur and the threshold fatten one colour,
   * which would otherwise make light-on-dark codes look a version smaller or larger than they are.
   */
  pitch: number;
}

/**
 * How many pixels from (x, y) along (dx, dy) read `dark`, counting at most `limit` + 1. Module-level
 * rather than a closure in crossCheck: that ran for every row hit, allocating two closures each time.
 */
function runLength(plane: Plane, x: number, y: number, dx: number, dy: number, dark: boolean, limit: number) {
  const { width, height, at } = plane;
  const { cols, values } = plane.thresholds;
  let n = 0;
  while (
    n <= limit &&
    x >= 0 &&
    y >= 0 &&
    x < width &&
    y < height &&
    at(x, y) < values[(y >> SHIFT) * cols + (x >> SHIFT)]! === dark
  ) {
    n++;
    x += dx;
    y += dy;
  }
  return n;
}

function inside(plane: Plane, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < plane.width && y < plane.height;
}

/** Walks a line through (x, y) in direction (dx, dy) and reads the five runs around it. */
function crossCheck(
  plane: Plane,
  x: number,
  y: number,
  dx: number,
  dy: number,
  coreDark: boolean,
  maxCount: number,
): Cross | undefined {
  // Backwards from (x, y): the core, then the inner ring (which must end inside the plane), then the outer.
  const c0 = runLength(plane, x, y, -dx, -dy, coreDark, maxCount * 3);
  if (c0 > maxCount * 3) return undefined;
  let px = x - c0 * dx;
  let py = y - c0 * dy;
  const b = runLength(plane, px, py, -dx, -dy, !coreDark, maxCount);
  px -= b * dx;
  py -= b * dy;
  if (b > maxCount || !inside(plane, px, py)) return undefined;
  const a = runLength(plane, px, py, -dx, -dy, coreDark, maxCount);
  if (a > maxCount) return undefined;
  // Forwards from the next pixel.
  const c1 = runLength(plane, x + dx, y + dy, dx, dy, coreDark, maxCount * 3 - c0);
  const c = c0 + c1;
  if (c > maxCount * 3) return undefined;
  px = x + (1 + c1) * dx;
  py = y + (1 + c1) * dy;
  const d = runLength(plane, px, py, dx, dy, !coreDark, maxCount);
  px += d * dx;
  py += d * dy;
  if (d > maxCount || !inside(plane, px, py)) return undefined;
  const e = runLength(plane, px, py, dx, dy, coreDark, maxCount);
  if (e > maxCount) return undefined;
  if (!ratioOk(a, b, c, d, e)) return undefined;
  const steps = 1 + c1 + d + e;
  // Offset of the core's middle from (x, y), in steps along the line.
  return {
    centre: steps - e - d - c / 2 - 0.5,
    total: a + b + c + d + e,
    pitch: (a / 2 + b + c + d + e / 2) / 6,
  };
}

/**
 * Run-length scan of one thresholded row: appends (core middle x, core run, total width, inverted)
 * for each five-run window in 1:1:3:1:1. A function per row so it is optimised after a few calls.
 */
function scanRow(
  luma: Uint8Array,
  o: number,
  width: number,
  values: Uint8Array,
  tBase: number,
  out: number[],
): void {
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  let runs = 0;
  let cur = 0;
  let curDark = false;
  const cols = (width + (1 << SHIFT) - 1) >> SHIFT;
  for (let bx = 0; bx < cols; bx++) {
    const t = values[tBase + bx]!;
    const end = Math.min(width, (bx + 1) << SHIFT);
    let x = bx << SHIFT;
    if (t === 0 && !curDark) {
      // Flat window: all light, and already inside a light run.
      cur += end - x;
      continue;
    }
    for (; x < end; x++) {
      const dark = luma[o + x]! < t;
      if (dark === curDark) {
        cur++;
        continue;
      }
      c0 = c1;
      c1 = c2;
      c2 = c3;
      c3 = c4;
      c4 = cur;
      runs++;
      cur = 1;
      curDark = dark;
      if (runs >= 5 && ratioOk(c0, c1, c2, c3, c4)) {
        // The run just closed (c4) has the colour of the core: the opposite of the pixel at x.
        out.push(x - c4 - c3 - c2 / 2, c2, c0 + c1 + c2 + c3 + c4, dark ? 1 : 0);
      }
    }
  }
  if (runs >= 5 && ratioOk(c1, c2, c3, c4, cur)) {
    out.push(width - cur - c4 - c3 / 2, c3, c1 + c2 + c3 + c4 + cur, curDark ? 0 : 1);
  }
}

/**
 * Scans the plane's rows for both polarities of the finder pattern, confirms each hit across
 * (vertically, horizontally again, diagonally) and merges hits on the same finder. Finders with
 * modules under `minModule` are left to a finer plane.
 */
export function findFinders(plane: Plane, minModule: number): Finder[] {
  const { width, height, step, rows: luma } = plane;
  const { cols, values } = plane.thresholds;
  const finders: Finder[] = [];
  const rows = Math.ceil(height / step);
  const hits: number[] = [];
  for (let r = 0; r < rows; r++) {
    const y = r * step;
    hits.length = 0;
    scanRow(luma, r * width, width, values, (y >> SHIFT) * cols, hits);
    for (let i = 0; i < hits.length; i += 4)
      candidate(hits[i]!, y, hits[i + 1]!, hits[i + 2]!, hits[i + 3] === 1);
  }
  return finders;

  function candidate(cxf: number, y: number, core: number, total: number, inverted: boolean): void {
    const m = total / 7;
    if (m < minModule) return;
    for (const f of finders) {
      if (
        f.inverted === inverted &&
        Math.abs(f.x - cxf) < f.module * 1.5 &&
        Math.abs(f.y - y) < f.module * 1.5
      ) {
        f.count++;
        return;
      }
    }
    const cx = Math.round(cxf - 0.5);
    const maxCount = Math.ceil(core) + 2;
    const coreDark = !inverted;
    const v = crossCheck(plane, cx, y, 0, 1, coreDark, maxCount);
    if (!v || 5 * Math.abs(v.total - total) >= 2 * total) return;
    const cy = Math.round(y + v.centre);
    if (cy < 0 || cy >= height) return;
    const h = crossCheck(plane, cx, cy, 1, 0, coreDark, maxCount);
    if (!h || 5 * Math.abs(h.total - total) >= 2 * total) return;
    const fx = cx + h.centre + 0.5;
    const fy = y + v.centre + 0.5;
    const dx = Math.round(fx - 0.5);
    // Under 3-px modules a core of even width has no middle pixel, and a diagonal from the one
    // beside it clips the ring corners, which JPEG and blur round off: the other diagonal is the
    // same test from the other side.
    const d =
      crossCheck(plane, dx, cy, 1, 1, coreDark, maxCount * 2) ??
      (m < 3 ? crossCheck(plane, dx, cy, 1, -1, coreDark, maxCount * 2) : undefined);
    if (!d) return;
    const module = (v.pitch + h.pitch) / 2;
    if (Math.abs(module - m) > m) return;
    for (const f of finders) {
      if (f.inverted === inverted && Math.abs(f.x - fx) <= module && Math.abs(f.y - fy) <= module) {
        const n = f.count + 1;
        f.x = (f.x * f.count + fx) / n;
        f.y = (f.y * f.count + fy) / n;
        f.module = (f.module * f.count + module) / n;
        f.count = n;
        return;
      }
    }
    finders.push({ x: fx, y: fy, module, inverted, count: 1 });
  }
}
