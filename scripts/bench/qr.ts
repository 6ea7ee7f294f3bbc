/**
 * QR decoder speed for `npm run bench`. Frames come from the test page generator (qrcode is a dev
 * dependency, and the extension never imports this file).
 */
import { findQrCodes } from '../../src/core/qr/index.ts';
import { renderPage, type TestPage } from '../../tests/support/qr-pages.ts';

export interface QrBenchFigures {
  /** First call at this size (for the first size, the first call in the process: JIT included). */
  coldMs: number;
  /** Median of the warm runs. */
  warmMs: number;
  msPerMegapixel: number;
}

export type QrBenchResult = Record<'1920x1080' | '3840x2160', QrBenchFigures>;

const URI =
  'otpauth://totp/Mijn%20Overheid:jan.de.vries%40example.nl?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Mijn%20Overheid&algorithm=SHA1&digits=6&period=30';

function page(width: number, height: number, module: number): TestPage {
  // Version 8 at M is what the URI above needs; a typical set-up page with text around the code.
  return renderPage({
    index: 0,
    width,
    height,
    zoom: 1,
    theme: 'light',
    glyphs: true,
    qrs: [{ text: URI, version: 8, ecl: 'M', module, quiet: 4 }],
    seed: 42,
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeOnce(p: TestPage): number {
  const started = performance.now();
  const hits = findQrCodes(p.image);
  const ms = performance.now() - started;
  // A benchmark of a decoder that stopped finding the code would be meaningless.
  if (!hits.some((h) => h.text === URI))
    throw new Error(`QR bench: code not found at ${p.spec.width}×${p.spec.height}`);
  return ms;
}

export async function benchQrDecoder(runs = 7): Promise<QrBenchResult> {
  const round = (n: number) => Math.round(n * 10) / 10;
  const measure = (p: TestPage): QrBenchFigures => {
    const coldMs = timeOnce(p);
    const warm = Array.from({ length: runs }, () => timeOnce(p));
    const warmMs = median(warm);
    const mp = (p.image.width * p.image.height) / 1e6;
    return { coldMs: round(coldMs), warmMs: round(warmMs), msPerMegapixel: round(warmMs / mp) };
  };
  const hd = page(1920, 1080, 4);
  const uhd = page(3840, 2160, 2);
  return { '1920x1080': measure(hd), '3840x2160': measure(uhd) };
}
