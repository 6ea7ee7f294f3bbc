import jsQR from 'jsqr';
import { type Crop, type Point, renderCrop } from './crop.ts';
import { type Finder, findFinders } from './finder.ts';
import type { QrImage } from './luma.ts';
import { framePlane, type Plane, shrunkPlane } from './plane.ts';
import { regridCrop } from './regrid.ts';
import { type Candidate, candidates, gridCorners } from './symbol.ts';

export interface QrBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface QrHit {
  text: string;
  /** Raw payload bytes, for payloads that are not UTF-8 text. */
  bytes?: number[];
  box: QrBox;
}

export interface FindQrOptions {
  /**
   * At most this many candidate symbols per plane go to the decoder (each costs one or two jsQR
   * crops). The search is bounded by work, never by the clock: a school laptop under load takes
   * longer but finds exactly the codes a fast machine finds. 64 leaves room for a page of 24 codes
   * plus their look-alikes; generated pages never need more than 3.
   */
  maxCandidates?: number;
}

const DEFAULT_MAX_CANDIDATES = 64;

/** Crop pixels per module: enough for jsQR's sampler, and small crops keep its slow binarizer cheap. */
const TARGET_MODULE = 3;
/** Quiet zone kept around a candidate symbol, in modules. */
const MARGIN = 4;
/**
 * The frame plane's threshold window (5 blocks of 16 px) loses finders with modules above ~25 px;
 * a 1/4 plane covers 8 px and up, so the two overlap.
 */
const SHRINK = 4;
const SHRUNK_MIN_MODULE = 2;
/** Sharpening of the redrawn symbol's samples against their neighbours (see regrid.ts). */
const REGRID_SHARPEN = 0.3;

function boxOf(points: Point[]): QrBox {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function overlaps(a: QrBox, b: QrBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(box: QrBox, p: Point): boolean {
  return p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
}

function decodeCrop(crop: Crop): QrHit | undefined {
  // Crops are already dark-on-light, so one jsQR pass is enough.
  const code = jsQR(crop.data, crop.width, crop.height, { inversionAttempts: 'dontInvert' });
  // jsQR now and then "decodes" clutter into an empty payload that passes its checks.
  if (!code || code.binaryData.length === 0) return undefined;
  const loc = code.location;
  const corners = [loc.topLeftCorner, loc.topRightCorner, loc.bottomLeftCorner, loc.bottomRightCorner];
  return { text: code.data, bytes: code.binaryData, box: boxOf(corners.map((p) => crop.toFrame(p))) };
}

function tryCandidate(image: QrImage, c: Candidate, hits: QrHit[]): boolean {
  const box = boxOf(gridCorners(c.grid));
  const pad = MARGIN * c.module;
  const x = Math.max(0, Math.floor(box.x - pad));
  const y = Math.max(0, Math.floor(box.y - pad));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width + pad));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height + pad));
  const base = { x, y, width: x1 - x, height: y1 - y, scale: TARGET_MODULE / c.module, invert: c.inverted };
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  // The second try differs in every way jsQR is sensitive to: module size, hard edges, and nothing
  // but this symbol in the crop (a neighbouring code in a thin quiet zone can win the first try).
  for (const req of [
    base,
    { ...base, scale: (TARGET_MODULE + 1) / c.module, grid: c.grid, maskModules: 1, binarize: true },
  ]) {
    const hit = decodeCrop(renderCrop(image, req));
    if (!hit) continue;
    addHit(hits, hit);
    if (contains(hit.box, centre)) return true;
  }
  const hit = decodeCrop(regridCrop(image, c.grid, REGRID_SHARPEN));
  if (!hit) return false;
  addHit(hits, hit);
  return contains(hit.box, centre);
}

function addHit(hits: QrHit[], hit: QrHit): void {
  if (!hits.some((h) => h.text === hit.text && overlaps(h.box, hit.box))) hits.push(hit);
}

/** Decodes every candidate symbol the plane's finders form, skipping areas already decoded. */
function decodePlane(
  image: QrImage,
  plane: Plane,
  minModule: number,
  hits: QrHit[],
  maxCandidates: number,
): void {
  const s = plane.scale;
  const inHit = (f: Finder) => hits.some((h) => contains(h.box, { x: f.x * s, y: f.y * s }));
  const finders = findFinders(plane, minModule).filter((f) => !inHit(f));
  const used = new Set<Finder>();
  let tried = 0;
  for (const c of candidates(finders, plane)) {
    if (c.finders.some((f) => used.has(f) || inHit(f))) continue;
    if (tried++ >= maxCandidates) return;
    const before = hits.length;
    tryCandidate(image, c, hits);
    for (const hit of hits.slice(before)) {
      for (const f of finders) if (contains(hit.box, { x: f.x * s, y: f.y * s })) used.add(f);
    }
  }
}

export function search(image: QrImage, options: FindQrOptions): QrHit[] {
  const maxCandidates = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const hits: QrHit[] = [];
  const frame = framePlane(image);
  decodePlane(image, frame, 0, hits, maxCandidates);
  decodePlane(image, shrunkPlane(frame, SHRINK), SHRUNK_MIN_MODULE, hits, maxCandidates);
  return hits;
}
