import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../../tests/support/qr-pages.ts';
import { fixedModules, regridCrop } from './regrid.ts';

describe('regridCrop', () => {
  it('knows where every version keeps its fixed modules, and their colours', () => {
    for (let version = 1; version <= 40; version++) {
      const code = QRCode.create('fixed', { version, errorCorrectionLevel: 'L' });
      const n = code.modules.size;
      const fixed = fixedModules(n);
      const wrong: string[] = [];
      let known = 0;
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          const f = fixed[r * n + c]!;
          if (f === 255) continue;
          known++;
          // Fixed means reserved by the encoder (never data) and drawn the colour it says.
          if (!code.modules.isReserved(r, c) || (f === 1) !== (code.modules.get(r, c) === 1))
            wrong.push(`v${version} (${r}, ${c})`);
        }
      }
      expect(wrong).toEqual([]);
      // Three finders with separators (3 × 64) and the timing tracks at least.
      expect(known).toBeGreaterThanOrEqual(3 * 64 + 2 * (n - 16));
    }
  });

  it('redraws a symbol from its grid so that jsQR reads it, light-on-dark included', () => {
    const text = 'otpauth://totp/Example:alice%40example.org?secret=JBSWY3DPEHPK3PXP';
    for (const [dark, light] of [
      [0, 255],
      [235, 30],
    ] as const) {
      const image = codeFrame(300, 300, [{ text, x: 60, y: 50, module: 3, version: 5, dark, light }], light);
      const grid = { origin: { x: 60, y: 50 }, u: { x: 3, y: 0 }, v: { x: 0, y: 3 }, dim: 37 };
      const crop = regridCrop(image, grid, 0.3);
      expect(jsQR(crop.data, crop.width, crop.height, { inversionAttempts: 'dontInvert' })?.data).toBe(text);
      // Crop corners map back onto the symbol in the frame.
      expect(crop.toFrame({ x: 4 * 3, y: 4 * 3 })).toEqual({ x: 60, y: 50 });
    }
  });
});
