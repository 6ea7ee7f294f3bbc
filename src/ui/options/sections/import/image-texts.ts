import { findQrCodes } from '../../../../core/qr';
import { uniqueTexts } from '../../../../core/scan-result';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

/** PNG, JPEG, GIF or WebP, by their first bytes (a name or a MIME type may say anything). */
export function isImageBytes(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
  );
}

/**
 * The texts of every QR code in an image, read by the import's own worker with the same decoder the
 * background uses for "Add from a QR image": a transfer code's text is what the import reads, and
 * the background's scan answers only what kind of code it saw. [] when the image cannot be decoded.
 */
export async function imageQrTexts(image: Blob): Promise<string[]> {
  try {
    const bitmap = await createImageBitmap(image);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return [];
    // Transparent PNGs must read as dark on white, as in the background's reader.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, bitmap.width, bitmap.height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return uniqueTexts(findQrCodes(pixels).map((hit) => hit.text));
  } catch {
    return [];
  }
}
