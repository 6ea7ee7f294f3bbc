import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../../tests/support/qr-pages.ts';
import { findQrCodes } from './index';
import { decodePicture, encodePicture, MAX_PICTURE_SIDE } from './page-picture';

describe('page pictures', () => {
  it('carries a QR from the page to the worker readable', () => {
    const text = 'otpauth://totp/School:me?secret=JBSWY3DPEHPK3PXP&issuer=School';
    const image = codeFrame(300, 300, [{ text, x: 40, y: 40, module: 4 }]);
    const picture = encodePicture(image.data, image.width, image.height);
    expect(findQrCodes(decodePicture(JSON.parse(JSON.stringify(picture)))!).map((hit) => hit.text)).toEqual([
      text,
    ]);
  });

  it('keeps the luma of a coloured pixel, not one channel', () => {
    const blue = new Uint8ClampedArray([20, 40, 160, 255]);
    const back = decodePicture(encodePicture(blue, 1, 1))!;
    expect(back.data[0]).toBe((20 * 77 + 40 * 150 + 160 * 29) >> 8);
  });

  it('refuses what a page could send malformed', () => {
    const good = encodePicture(new Uint8ClampedArray(4 * 4 * 4), 4, 4);
    expect(decodePicture(good)).toBeDefined();
    expect(decodePicture({ ...good, width: 5 })).toBeUndefined();
    expect(decodePicture({ ...good, luma: '%%%' })).toBeUndefined();
    expect(decodePicture({ ...good, width: MAX_PICTURE_SIDE + 1, height: 1 })).toBeUndefined();
    expect(decodePicture({ ...good, width: 2.5 })).toBeUndefined();
    expect(decodePicture(null)).toBeUndefined();
    expect(decodePicture('picture')).toBeUndefined();
  });
});
