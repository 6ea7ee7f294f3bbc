import {
  lumaAt as importedLumaAt,
  LITTLE_ENDIAN,
  lumaRow,
  lumaRow32,
  type QrImage,
  shrinkLuma,
} from './luma.ts';
import { foldRow, newExtremes, type ThresholdGrid, thresholdGrid, thresholds } from './threshold.ts';

// A module-level copy: an imported binding may compile to a getter call on every use.
const lumaAt = importedLumaAt;

/** One resolution the finder search runs at. Coordinates are plane pixels; `scale` maps them to the frame. */
export interface Plane {
  width: number;
  height: number;
  /** Only every `step`-th row is in `rows`. */
  step: number;
  rows: Uint8Array;
  /** Luma of any pixel, for the few cross-checks that need rows `rows` skips. */
  at: (x: number, y: number) => number;
  thresholds: ThresholdGrid;
  /** Frame pixels per plane pixel. */
  scale: number;
}

/**
 * The frame itself. Big frames keep every other row only: the finder's 3-module core is at least
 * 5 px tall at 4K with 1.8-px modules, so two rows still cross it, and luma is the costliest pass.
 */
export function framePlane(image: QrImage): Plane {
  const { data, width, height } = image;
  const step = width * height > 1_500_000 ? 2 : 1;
  const rows = new Uint8Array(width * Math.ceil(height / step));
  const ext = newExtremes(width, height);
  const px =
    LITTLE_ENDIAN && data.byteOffset % 4 === 0
      ? new Uint32Array(data.buffer, data.byteOffset, width * height)
      : undefined;
  for (let y = 0, o = 0; y < height; y += step, o += width) {
    if (px) lumaRow32(px, y * width, rows, o, width);
    else lumaRow(data, y * width * 4, rows, o, width);
    // While the row is still in cache.
    foldRow(rows, o, width, ext, y);
  }
  return {
    width,
    height,
    step,
    rows,
    at: (x, y) => lumaAt(data, width, x, y),
    thresholds: thresholds(ext),
    scale: 1,
  };
}

/** A 1/`factor` copy for modules too big for the frame plane's threshold window. */
export function shrunkPlane(frame: Plane, factor: number): Plane {
  const { luma, width, height } = shrinkLuma(frame.rows, frame.width, frame.height, frame.step, factor);
  return {
    width,
    height,
    step: 1,
    rows: luma,
    at: (x, y) => luma[y * width + x]!,
    thresholds: thresholdGrid(luma, width, height, 1),
    scale: factor * frame.scale,
  };
}
