import type { Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { OtpAccount } from '../../src/core/account';
import { TRANSFER_BATCH_SIZE, transferBatches } from '../../src/core/formats/google-migration';
import { qrMatrix } from '../../src/core/qr/encode';
import { findQrCodes, type QrImage } from '../../src/core/qr/index';
import { crispQrSize } from '../../src/ui/options/sections/transfer/qr-size';
import { mulberry32 } from '../support/prng';
import { expect, test } from './fixtures';

/**
 * How many accounts one transfer code can hold and still be read off the screen. Each batch size is
 * drawn at the size the options page gives it, screenshotted at device scale factor 1, then seen
 * through a crude phone camera (see `camera`) at several distances and read by jsQR and by our
 * decoder. The figures are printed and attached (batch-size.json); the test fails when the batch
 * size the product uses stops decoding at the reference distance.
 */

const BATCH_SIZES = [4, 6, 8, 10, 12, 15];
/**
 * Camera pixels per CSS pixel. Phone scanners decode a 720p frame; held upright it is 720 px across
 * about 50°. On a laptop screen of 125 CSS px per inch that makes ×1 about 16 cm away, ×0.6 about
 * 26 cm, ×0.4 about 40 cm (a 1080p frame: half as far again).
 */
const SCALES = [1, 0.8, 0.7, 0.6, 0.5, 0.4];
/** A phone a hand's span from the screen, where people start; closer still works, further may not. */
const REFERENCE_SCALE = 0.6;
/** Each trial has its own sampling phase and noise. */
const TRIALS = 8;

const ISSUERS = ['GitHub', 'Google', 'Microsoft', 'Nextcloud', 'Magister', 'Somtoday', 'Proton', 'Dropbox'];
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Names of 20–30 characters (issuer and account name together) and 20-byte secrets. */
function accounts(count: number, rng: () => number): OtpAccount[] {
  return Array.from({ length: count }, (_, i) => {
    const issuer = ISSUERS[i % ISSUERS.length]!;
    const length = 20 + Math.floor(rng() * 11);
    const label = `${'j.jansen'.slice(0, 2 + (i % 7))}${i}@school.example.nl`.slice(
      0,
      length - issuer.length,
    );
    let secret = '';
    for (let k = 0; k < 32; k++) secret += BASE32[Math.floor(rng() * 32)];
    return { type: 'totp', issuer, label, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
  });
}

/** The same SVG that src/ui/components/QrCode.tsx draws, on the page's surface colour. */
function pageWith(text: string, size: number): string {
  const matrix = qrMatrix(text);
  let d = '';
  matrix.dark.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  const m = matrix.size;
  const svg = `<svg width="${size}" height="${size}" viewBox="0 0 ${m} ${m}" shape-rendering="crispEdges"><rect width="${m}" height="${m}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
  return `<body style="margin:0;background:#f5f7f8"><div id="frame" style="display:inline-block;padding:32px;line-height:0">${svg}</div></body>`;
}

async function screenshotAt(page: Page, text: string, size: number): Promise<PNG> {
  await page.setContent(pageWith(text, size));
  return PNG.sync.read(await page.locator('#frame').screenshot());
}

/** Area-weighted resampling of one line: what each camera pixel collects of the screen's light. */
function resampleLine(src: Float32Array, scale: number, phase: number, outLength: number): Float32Array {
  const out = new Float32Array(outLength);
  for (let x = 0; x < outLength; x++) {
    const from = (x + phase) / scale;
    const to = (x + 1 + phase) / scale;
    let sum = 0;
    for (let i = Math.floor(from); i < Math.ceil(to); i++) {
      const weight = Math.min(to, i + 1) - Math.max(from, i);
      sum += src[Math.min(src.length - 1, Math.max(0, i))]! * weight;
    }
    out[x] = sum / (to - from);
  }
  return out;
}

/**
 * A phone camera, crudely: it samples the screen at `scale` camera pixels per CSS pixel on a grid
 * that never lines up with the screen's (random sub-pixel phase), defocuses slightly (a 3×3
 * [1 2 1] blur), loses contrast to glare (black reads 35, white 220) and adds sensor noise (±8).
 * No rotation or perspective: both decoders handle those, and they would only blur the comparison.
 */
function camera(png: PNG, scale: number, seed: number): QrImage {
  const rng = mulberry32(seed);
  const { width: w, height: h, data } = png;
  const W = Math.floor(w * scale) - 1;
  const H = Math.floor(h * scale) - 1;
  const [px, py] = [rng(), rng()];
  const rows: Float32Array[] = [];
  const line = new Float32Array(w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      line[x] = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    }
    rows.push(resampleLine(line, scale, px, W));
  }
  const sampled = new Float32Array(W * H);
  const column = new Float32Array(h);
  for (let x = 0; x < W; x++) {
    for (let y = 0; y < h; y++) column[y] = rows[y]![x]!;
    const resampled = resampleLine(column, scale, py, H);
    for (let y = 0; y < H; y++) sampled[y * W + x] = resampled[y]!;
  }
  const out = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      let weights = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [xx, yy] = [x + dx, y + dy];
          if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
          const weight = (2 - Math.abs(dx)) * (2 - Math.abs(dy));
          sum += sampled[yy * W + xx]! * weight;
          weights += weight;
        }
      }
      const value = 35 + (185 * sum) / weights / 255 + (rng() - 0.5) * 16;
      const i = (y * W + x) * 4;
      out[i] = out[i + 1] = out[i + 2] = value;
      out[i + 3] = 255;
    }
  }
  return { data: out, width: W, height: H };
}

const reads = (image: QrImage, text: string) => ({
  jsqr: jsQR(image.data, image.width, image.height)?.data === text,
  ours: findQrCodes(image).some((hit) => hit.text === text),
});

interface Row {
  accounts: number;
  uriLength: number;
  version: number;
  /** Modules a side, quiet zone included. */
  modules: number;
  cssPx: number;
  pxPerModule: number;
  clean: { jsqr: boolean; ours: boolean };
  /** By scale: trials read by jsQR and by ours. */
  camera: Record<string, { jsqr: number; ours: number; trials: number }>;
  /** The smallest scale down to which the better of the two decoders reads all but one trial at every step. */
  readsDownTo?: number;
}

test('transfer codes: which batch size still reads off the screen', async ({ context }, testInfo) => {
  // About 20 s on a quiet 2-core machine; the timeout is for a busy one, not a target.
  test.setTimeout(240_000);
  const page = await context.newPage();
  const rows: Row[] = [];
  // The batch sizes at the page's size, and the product's one at a plain 320 px (fractional modules) for comparison.
  const drawings = [
    ...BATCH_SIZES.map((count) => ({ count, cssPx: undefined as number | undefined })),
    { count: TRANSFER_BATCH_SIZE, cssPx: 320 },
  ];
  for (const { count, cssPx: fixedPx } of drawings) {
    const { batches } = transferBatches(accounts(count, mulberry32(count)), { perBatch: count, batchId: 7 });
    const uri = batches[0]!.uri;
    const modules = qrMatrix(uri).size;
    const cssPx = fixedPx ?? crispQrSize(modules, 1);
    const png = await screenshotAt(page, uri, cssPx);
    const row: Row = {
      accounts: count,
      uriLength: uri.length,
      version: (modules - 8 - 17) / 4,
      modules,
      cssPx,
      pxPerModule: cssPx / modules,
      clean: reads({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height }, uri),
      camera: {},
    };
    let unbroken = true;
    for (const scale of SCALES) {
      const tally = { jsqr: 0, ours: 0, trials: TRIALS };
      for (let trial = 0; trial < TRIALS; trial++) {
        const read = reads(camera(png, scale, count * 1000 + trial), uri);
        tally.jsqr += Number(read.jsqr);
        tally.ours += Number(read.ours);
      }
      row.camera[String(scale)] = tally;
      unbroken &&= Math.max(tally.jsqr, tally.ours) >= TRIALS - 1;
      if (unbroken) row.readsDownTo = scale;
    }
    rows.push(row);
  }

  const yes = (read: boolean) => (read ? 'yes' : 'NO');
  const line = (cells: string[]) =>
    cells.map((cell, k) => cell.padEnd(k < 5 ? 9 : k === 5 ? 18 : 9)).join('');
  const table = [
    line([
      'accounts',
      'version',
      'modules',
      'css px',
      'px/mod',
      'clean jsQR/ours',
      ...SCALES.map((s) => `×${s}`),
      'reads to',
    ]),
    ...rows.map((r) =>
      line([
        String(r.accounts),
        String(r.version),
        String(r.modules),
        r === rows.at(-1) ? `${r.cssPx}*` : String(r.cssPx),
        r.pxPerModule.toFixed(1),
        `${yes(r.clean.jsqr)}/${yes(r.clean.ours)}`,
        ...SCALES.map((s) => `${r.camera[String(s)]!.jsqr}/${r.camera[String(s)]!.ours}`),
        r.readsDownTo ? `×${r.readsDownTo}` : '-',
      ]),
    ),
    `(×scale: camera trials of ${TRIALS} read by jsQR/ours; *: a plain 320 px for comparison; TRANSFER_BATCH_SIZE is ${TRANSFER_BATCH_SIZE})`,
  ].join('\n');
  console.log(table);
  await testInfo.attach('batch-size.json', {
    body: JSON.stringify(rows, null, 2),
    contentType: 'application/json',
  });
  await testInfo.attach('batch-size.txt', { body: table, contentType: 'text/plain' });

  const product = rows.find((r) => r.accounts === TRANSFER_BATCH_SIZE && r.cssPx !== 320);
  // A batch size nobody measured must not ship: add it to the sizes above.
  expect(product, `TRANSFER_BATCH_SIZE ${TRANSFER_BATCH_SIZE} is among the sizes measured`).toBeDefined();
  expect(product!.clean, 'a sharp screenshot of a full transfer code reads').toEqual({
    jsqr: true,
    ours: true,
  });
  const atReference = product!.camera[String(REFERENCE_SCALE)]!;
  expect(
    Math.min(atReference.jsqr, atReference.ours),
    `both decoders read a full transfer code through the camera at ×${REFERENCE_SCALE} in most trials`,
  ).toBeGreaterThanOrEqual(TRIALS - 1);
});
