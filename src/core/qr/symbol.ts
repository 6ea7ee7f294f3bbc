import type { Point, SymbolGrid } from './crop.ts';
import type { Finder } from './finder.ts';
import type { Plane } from './plane.ts';
import { timingScore } from './timing.ts';

/** A plausible symbol from three finders, in frame coordinates. */
export interface Candidate {
  grid: SymbolGrid;
  /** Module size in frame pixels. */
  module: number;
  inverted: boolean;
  finders: [Finder, Finder, Finder];
  /** Higher is better. */
  score: number;
}

/** Finders beyond this many (fewest scan-row hits first) are ignored, to bound the triple search. */
const MAX_FINDERS = 150;
/**
 * Geometry and timing checks for at most this many triples: a bound on work, not on time. Cluttered
 * generated pages form none; 150 finders could form 550,000. The strongest finders (most row hits,
 * which real ones have) are paired first, so the cap only ever drops the weakest look-alikes.
 */
const MAX_TRIPLES = 50_000;
/** Real symbols read ≈ 1 on their timing tracks; look-alike triples stay below ~0.6. */
const MIN_TIMING = 0.75;

const sub = (a: Point, b: Point): Point => ({ x: a.x - b.x, y: a.y - b.y });
const len = (p: Point) => Math.hypot(p.x, p.y);

function gridFor(a: Point, ab: Point, ac: Point, dim: number): SymbolGrid {
  const u = { x: ab.x / (dim - 7), y: ab.y / (dim - 7) };
  const v = { x: ac.x / (dim - 7), y: ac.y / (dim - 7) };
  return { origin: { x: a.x - 3.5 * (u.x + v.x), y: a.y - 3.5 * (u.y + v.y) }, u, v, dim };
}

function scaled(g: SymbolGrid, s: number): SymbolGrid {
  const m = (p: Point) => ({ x: p.x * s, y: p.y * s });
  return { origin: m(g.origin), u: m(g.u), v: m(g.v), dim: g.dim };
}

/**
 * Finder centres come from whole-pixel runs, so below ~2.5-px modules they can sit a third of a
 * module off and the timing reads land on module edges. Such a grid is shifted by up to half a module
 * before it is given up: a real symbol then reads ≈ 1 again, a look-alike does not.
 */
const SMALL_MODULE = 2.5;
const NUDGES = [0, -0.25, 0.25, -0.5, 0.5];

function nudged(grid: SymbolGrid, plane: Plane, inverted: boolean): { grid: SymbolGrid; timing: number } {
  let best = { grid, timing: 0 };
  const { origin, u, v } = grid;
  for (const di of NUDGES) {
    for (const dj of NUDGES) {
      if (di === 0 && dj === 0) continue;
      const g = { ...grid, origin: { x: origin.x + di * u.x + dj * v.x, y: origin.y + di * u.y + dj * v.y } };
      const timing = timingScore(plane, g, inverted);
      if (timing > best.timing) best = { grid: g, timing };
      if (timing >= MIN_TIMING) return best;
    }
  }
  return best;
}

/** Three finders as the corner, right and lower finder of a symbol, if their geometry and timing fit. */
function asSymbol(f: [Finder, Finder, Finder], plane: Plane): Candidate | undefined {
  const [p, q, r] = f;
  const dpq = len(sub(p, q));
  const dpr = len(sub(p, r));
  const dqr = len(sub(q, r));
  // The corner finder is the one opposite the longest side.
  const [a, b, c] = dqr >= dpq && dqr >= dpr ? [p, q, r] : dpr >= dpq ? [q, p, r] : [r, p, q];
  let ab = sub(b, a);
  let ac = sub(c, a);
  const lab = len(ab);
  const lac = len(ac);
  // Screenshots have no perspective: the two sides are equal and square up to centre jitter.
  if (Math.abs(lab - lac) > 0.12 * Math.max(lab, lac)) return undefined;
  const cos = (ab.x * ac.x + ab.y * ac.y) / (lab * lac);
  if (Math.abs(cos) > 0.12) return undefined;
  const module = (p.module + q.module + r.module) / 3;
  const raw = (lab + lac) / 2 / module + 7;
  if (raw < 18 || raw > 190) return undefined;
  const estimate = Math.max(21, Math.round((raw - 17) / 4) * 4 + 17);
  // Screen y points down, so a positive cross product means b is the top-right finder.
  if (ab.x * ac.y - ab.y * ac.x < 0) [ab, ac] = [ac, ab];
  // The finder-size estimate can be a version off for large symbols; the timing track decides.
  let best: { grid: SymbolGrid; timing: number } | undefined;
  const dims = [estimate, estimate - 4, estimate + 4].filter((d) => d >= 21);
  for (const dim of dims) {
    const grid = gridFor(a, ab, ac, dim);
    const timing = timingScore(plane, grid, p.inverted);
    if (!best || timing > best.timing) best = { grid, timing };
  }
  if (best && best.timing < MIN_TIMING && module < SMALL_MODULE) {
    for (const dim of dims) {
      const n = nudged(gridFor(a, ab, ac, dim), plane, p.inverted);
      if (n.timing > best.timing) best = n;
      if (best.timing >= MIN_TIMING) break;
    }
  }
  if (!best || best.timing < MIN_TIMING) return undefined;
  const s = plane.scale;
  return {
    grid: scaled(best.grid, s),
    module: (s * (lab + lac)) / 2 / (best.grid.dim - 7),
    inverted: p.inverted,
    finders: f,
    score: best.timing + Math.min(p.count, q.count, r.count) / 50 - Math.abs(cos),
  };
}

/**
 * Could two finders belong to one symbol? Same polarity, similar modules, and no further apart than
 * the diagonal of a version-40 symbol. Checked per pair so triples are only built from pairs that pass.
 */
function pairs(a: Finder, b: Finder): boolean {
  if (a.inverted !== b.inverted) return false;
  const m = Math.min(a.module, b.module);
  if (Math.max(a.module, b.module) > 1.5 * m) return false;
  const d = Math.hypot(a.x - b.x, a.y - b.y);
  return d >= 10 * m && d <= 250 * Math.max(a.module, b.module);
}

/** Every finder triple that passes, best first. */
export function candidates(finders: Finder[], plane: Plane): Candidate[] {
  const strong = [...finders].sort((a, b) => b.count - a.count).slice(0, MAX_FINDERS);
  const n = strong.length;
  const ok = new Uint8Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) ok[i * n + j] = pairs(strong[i]!, strong[j]!) ? 1 : 0;
  const out: Candidate[] = [];
  let triples = 0;
  for (let i = 0; i < n && triples < MAX_TRIPLES; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!ok[i * n + j]) continue;
      for (let k = j + 1; k < n; k++) {
        if (!ok[i * n + k] || !ok[j * n + k]) continue;
        triples++;
        const c = asSymbol([strong[i]!, strong[j]!, strong[k]!], plane);
        if (c) out.push(c);
      }
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

export function gridCorners(g: SymbolGrid): Point[] {
  const at = (i: number, j: number) => ({
    x: g.origin.x + i * g.u.x + j * g.v.x,
    y: g.origin.y + i * g.u.y + j * g.v.y,
  });
  return [at(0, 0), at(g.dim, 0), at(0, g.dim), at(g.dim, g.dim)];
}
