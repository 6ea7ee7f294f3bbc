import type { SymbolGrid } from './crop.ts';
import type { Plane } from './plane.ts';
import { BLOCK_SHIFT } from './threshold.ts';

const SHIFT = BLOCK_SHIFT;

/**
 * Share of timing-pattern modules (row 6 and column 6 between the finders, alternating dark/light)
 * that read as expected on this grid. Three finder look-alikes in text or a photo almost never line
 * up with an alternating track between them, so this rejects them before paying for a jsQR call; it
 * also tells a right version estimate (≈ 1) from one off by a version (the track drifts out of phase).
 */
export function timingScore(plane: Plane, grid: SymbolGrid, inverted: boolean): number {
  const { width, height, at } = plane;
  const { cols, values } = plane.thresholds;
  const { origin, u, v, dim } = grid;
  let good = 0;
  let total = 0;
  const read = (i: number, j: number, wantDark: boolean) => {
    const x = Math.floor(origin.x + (i + 0.5) * u.x + (j + 0.5) * v.x);
    const y = Math.floor(origin.y + (i + 0.5) * u.y + (j + 0.5) * v.y);
    total++;
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const dark = at(x, y) < values[(y >> SHIFT) * cols + (x >> SHIFT)]!;
    if ((dark !== inverted) === wantDark) good++;
  };
  for (let k = 8; k <= dim - 9; k++) {
    read(k, 6, k % 2 === 0);
    read(6, k, k % 2 === 0);
  }
  return total === 0 ? 0 : good / total;
}
