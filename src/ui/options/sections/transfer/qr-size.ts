/**
 * How big a transfer code is drawn. Every module gets the same whole number of device pixels: with
 * 3.6 px per module some modules are 3 px and some 4, and jsQR then misses codes that are perfectly
 * sharp (tests/e2e/transfer-batch-size.spec.ts has the figures). Within that, as big as the card
 * allows: a full transfer code has 100+ modules a side, and a phone reads it from further away.
 */
export const TRANSFER_QR_MAX_CSS = 480;
/** A phone camera held at arm's length struggles below this. */
export const TRANSFER_QR_MIN_CSS = 280;

/** CSS pixels a side for a code of `modules` modules (quiet zone included) on a screen of `dpr`. */
export function crispQrSize(
  modules: number,
  dpr: number,
  { max = TRANSFER_QR_MAX_CSS, min = TRANSFER_QR_MIN_CSS } = {},
): number {
  const ratio = dpr > 0 && Number.isFinite(dpr) ? dpr : 1;
  let perModule = Math.floor((max * ratio) / modules);
  if ((perModule * modules) / ratio < min) perModule = Math.ceil((min * ratio) / modules);
  return (Math.max(1, perModule) * modules) / ratio;
}
