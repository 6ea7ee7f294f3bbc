/**
 * Local black/white threshold: the midpoint of the darkest and lightest luma in a 5×5-block window.
 * A midpoint (rather than jsQR's block mean) keeps blurred one-module features on the right side of
 * the threshold whatever the ink/paper ratio around them, and works the same for inverted codes.
 */
export const BLOCK_SHIFT = 4;
const BLOCK = 1 << BLOCK_SHIFT;
/** Windows with less spread than this hold no edges worth reading; their pixels all count as light. */
const MIN_CONTRAST = 28;
const RADIUS = 2;

export interface ThresholdGrid {
  cols: number;
  rows: number;
  /** Threshold per block; 0 for flat windows, which no luma is below. */
  values: Uint8Array;
}

/** Per-block luma minima and maxima, filled row by row. */
export interface Extremes {
  cols: number;
  rows: number;
  lo: Uint8Array;
  hi: Uint8Array;
}

export function newExtremes(width: number, height: number): Extremes {
  const cols = (width + BLOCK - 1) >> BLOCK_SHIFT;
  const rows = (height + BLOCK - 1) >> BLOCK_SHIFT;
  return { cols, rows, lo: new Uint8Array(cols * rows).fill(255), hi: new Uint8Array(cols * rows) };
}

/** Folds one luma row (frame row `y`) into its blocks (one call per row: it warms up fast). */
export function foldRow(luma: Uint8Array, o: number, width: number, ext: Extremes, y: number): void {
  const { lo, hi } = ext;
  for (let x0 = 0, b = (y >> BLOCK_SHIFT) * ext.cols; x0 < width; x0 += BLOCK, b++) {
    let mn = lo[b]!;
    let mx = hi[b]!;
    const end = Math.min(width, x0 + BLOCK);
    for (let x = x0; x < end; x++) {
      const v = luma[o + x]!;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    lo[b] = mn;
    hi[b] = mx;
  }
}

export function thresholdGrid(luma: Uint8Array, width: number, height: number, step: number): ThresholdGrid {
  const ext = newExtremes(width, height);
  const lumaRowCount = Math.ceil(height / step);
  for (let r = 0; r < lumaRowCount; r++) foldRow(luma, r * width, width, ext, r * step);
  return thresholds(ext);
}

export function thresholds(ext: Extremes): ThresholdGrid {
  const { cols, rows, lo, hi } = ext;
  // Separable window min/max: rows first, then columns.
  const lo2 = new Uint8Array(cols * rows);
  const hi2 = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let mn = 255;
      let mx = 0;
      for (let k = Math.max(0, bx - RADIUS); k <= Math.min(cols - 1, bx + RADIUS); k++) {
        mn = Math.min(mn, lo[by * cols + k]!);
        mx = Math.max(mx, hi[by * cols + k]!);
      }
      lo2[by * cols + bx] = mn;
      hi2[by * cols + bx] = mx;
    }
  }
  const values = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let mn = 255;
      let mx = 0;
      for (let k = Math.max(0, by - RADIUS); k <= Math.min(rows - 1, by + RADIUS); k++) {
        mn = Math.min(mn, lo2[k * cols + bx]!);
        mx = Math.max(mx, hi2[k * cols + bx]!);
      }
      values[by * cols + bx] = mx - mn >= MIN_CONTRAST ? (mn + mx + 1) >> 1 : 0;
    }
  }
  return { cols, rows, values };
}
