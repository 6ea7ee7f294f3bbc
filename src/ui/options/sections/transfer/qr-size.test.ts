import { describe, expect, it } from 'vitest';
import { crispQrSize } from './qr-size';

describe('crispQrSize', () => {
  it('gives every module the same whole number of device pixels', () => {
    for (const dpr of [1, 1.25, 1.5, 2, 3]) {
      for (let modules = 29; modules <= 185; modules += 4) {
        const size = crispQrSize(modules, dpr);
        const perModule = (size * dpr) / modules;
        expect(Math.abs(perModule - Math.round(perModule)), `${modules} modules at ${dpr}`).toBeLessThan(
          1e-9,
        );
      }
    }
  });

  it('stays between the minimum and the maximum while it can', () => {
    expect(crispQrSize(113, 1)).toBe(452);
    expect(crispQrSize(125, 1)).toBe(375);
    expect(crispQrSize(113, 2)).toBe(452);
    for (let modules = 29; modules <= 160; modules++) {
      const size = crispQrSize(modules, 1);
      expect(size).toBeGreaterThanOrEqual(280);
      expect(size).toBeLessThanOrEqual(480);
    }
    // Too many modules for the maximum at one pixel each: the minimum wins, still whole pixels.
    expect(crispQrSize(300, 1, { max: 280, min: 280 })).toBe(300);
  });

  it('treats a missing or odd device pixel ratio as 1', () => {
    expect(crispQrSize(113, 0)).toBe(452);
    expect(crispQrSize(113, Number.NaN)).toBe(452);
  });
});
