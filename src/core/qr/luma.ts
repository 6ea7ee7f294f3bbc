/** RGBA frame as `captureVisibleTab` → ImageData gives it (and as Node tests build it). */
export interface QrImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Integer Rec. 601 luma. Coloured codes (a dark-blue QR on a pastel card) must keep their contrast, so
 * this is a weighted sum rather than one channel.
 */
export function lumaAt(data: Uint8ClampedArray, width: number, x: number, y: number): number {
  const i = (y * width + x) * 4;
  return (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29) >> 8;
}

/**
 * Luma of one row into `out` at `o`. The finder search keeps full horizontal resolution: at 4K with
 * 2-px modules (1.8 px at 90 % zoom) any horizontal downsampling erases the one-module rings it
 * looks for. One call per row: a small function is optimised after a few calls, where a long nested
 * loop waits for on-stack replacement, and in a service worker every scan may be a cold start.
 */
export function lumaRow(data: Uint8ClampedArray, i: number, out: Uint8Array, o: number, width: number): void {
  for (let x = 0; x < width; x++, i += 4)
    out[o + x] = (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29) >> 8;
}

/**
 * lumaRow over a Uint32 view of the same bytes (`i` counts pixels): one load per pixel instead of
 * three, which is most of the frame plane's cost. Little-endian only (RGBA reads as 0xAABBGGRR).
 */
export function lumaRow32(px: Uint32Array, i: number, out: Uint8Array, o: number, width: number): void {
  for (let x = 0; x < width; x++, i++) {
    const v = px[i]!;
    out[o + x] = ((v & 255) * 77 + ((v >>> 8) & 255) * 150 + ((v >>> 16) & 255) * 29) >> 8;
  }
}

export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Luma at 1/`factor` size from the row-skipped copy, for codes with big modules only. Each output
 * pixel averages every other column of one source row: a sparse box filter, enough to keep 1–2 px
 * text strokes from turning into solid runs, at a quarter of the reads of a full one.
 */
export function shrinkLuma(rows: Uint8Array, width: number, height: number, step: number, factor: number) {
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    shrinkRow(rows, Math.floor((y * factor) / step) * width, out, y * w, w, factor);
  }
  return { luma: out, width: w, height: h };
}

function shrinkRow(rows: Uint8Array, i: number, out: Uint8Array, o: number, w: number, factor: number): void {
  const taps = Math.ceil(factor / 2);
  for (let x = 0; x < w; x++, i += factor) {
    let sum = 0;
    for (let k = 0; k < factor; k += 2) sum += rows[i + k]!;
    out[o + x] = sum / taps;
  }
}
