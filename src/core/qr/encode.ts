/**
 * QR generation for what we show a phone's camera (setup links, transfer codes). uqr is a port of
 * Project Nayuki's generator; we only choose the error correction and the quiet zone.
 */
import { encode } from 'uqr';

/** ISO/IEC 18004 asks for four modules of light margin; many phone readers fail with less. */
export const QUIET_ZONE_MODULES = 4;

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  size: number;
  /** `dark[y][x]`. */
  dark: boolean[][];
}

/**
 * Level M survives a screen's glare and moiré better than L, at about 20% more modules; uqr raises
 * it further when the version has room to spare.
 */
export function qrMatrix(text: string): QrMatrix {
  const { size, data } = encode(text, { ecc: 'M', boostEcc: true, border: QUIET_ZONE_MODULES });
  return { size, dark: data };
}
