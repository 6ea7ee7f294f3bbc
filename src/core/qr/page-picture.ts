/**
 * A picture of a page (an <img>, <canvas> or <svg> the page-image reader drew) as it travels from the
 * page to the worker: its luma, one byte a pixel, in base64 (injection results are JSON). The worker
 * decodes it there, with its warm decoder, instead of the page's cold one on every scan.
 */
import type { QrImage } from './luma.ts';

export interface PagePicture {
  width: number;
  height: number;
  luma: string;
}

/** Past this a picture is not worth its transfer: a QR this large is read from the capture too. */
export const MAX_PICTURE_SIDE = 1200;

export function encodePicture(rgba: Uint8ClampedArray, width: number, height: number): PagePicture {
  const luma = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < luma.length; p++, i += 4)
    luma[p] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  let binary = '';
  // In slices: one String.fromCharCode call over a whole picture overflows the argument stack.
  for (let at = 0; at < luma.length; at += 0x8000)
    binary += String.fromCharCode(...luma.subarray(at, at + 0x8000));
  return { width, height, luma: btoa(binary) };
}

/** The picture as the decoder takes it, or undefined for anything a page could have sent malformed. */
export function decodePicture(value: unknown): QrImage | undefined {
  const p = value as Partial<PagePicture> | undefined;
  if (!p || typeof p.luma !== 'string' || !Number.isSafeInteger(p.width) || !Number.isSafeInteger(p.height))
    return undefined;
  const width = p.width!;
  const height = p.height!;
  if (width < 1 || height < 1 || width > MAX_PICTURE_SIDE || height > MAX_PICTURE_SIDE) return undefined;
  let binary: string;
  try {
    binary = atob(p.luma);
  } catch {
    return undefined;
  }
  if (binary.length !== width * height) return undefined;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0, i = 0; p < binary.length; p++, i += 4) {
    const v = binary.charCodeAt(p);
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
  return { data, width, height };
}
