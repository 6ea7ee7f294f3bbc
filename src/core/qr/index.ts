/**
 * QR search core: finds every QR code in a captured tab. Pure TypeScript on ImageData-shaped input,
 * so it runs in the MV3 service worker and under Node alike.
 */
import type { QrImage } from './luma.ts';
import { type FindQrOptions, type QrHit, search } from './search.ts';

export { classifyQrText, type QrTextClass, type QrTextKind } from './classify.ts';
export type { QrImage } from './luma.ts';
export type { FindQrOptions, QrBox, QrHit } from './search.ts';
export { WARM_UP_TEXT, warmUpQrDecoder } from './warmup.ts';

/** Top-to-bottom, then left-to-right for codes side by side (vertical extents overlapping by half). */
function readingOrder(a: QrHit, b: QrHit): number {
  const sameRow = a.box.y < b.box.y + b.box.height / 2 && b.box.y < a.box.y + a.box.height / 2;
  return sameRow ? a.box.x - b.box.x : a.box.y - b.box.y;
}

/** Every distinct QR code in the frame, in reading order. Never throws: unusable input gives []. */
export function findQrCodes(image: QrImage, options: FindQrOptions = {}): QrHit[] {
  try {
    const { data, width, height } = image ?? {};
    // A version-1 symbol needs 21 pixels a side even at one pixel per module.
    if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 21 || height < 21) return [];
    if (!data || typeof data.length !== 'number' || data.length < width * height * 4) return [];
    return search(image, options).sort(readingOrder);
  } catch {
    return [];
  }
}
