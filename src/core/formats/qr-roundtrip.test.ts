import fc from 'fast-check';
import { Secret } from 'otpauth';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { accountArb } from '../../../tests/support/otp-arbitraries';
import type { OtpAccount } from '../account';
import { formatOtpauthUri } from '../otp';
import { findQrCodes, type QrImage } from '../qr';
import { qrMatrix } from '../qr/encode';
import { parseMigrationUri, transferBatches } from './google-migration';

const SEED = Number(process.env.QR_FUZZ_SEED ?? 6238);
const PX = 4;

/** What our page shows, as pixels: black modules on white, the quiet zone included. */
function render(text: string): QrImage {
  const { size, dark } = qrMatrix(text);
  const width = size * PX;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      if (!dark[Math.floor(y / PX)]![Math.floor(x / PX)]) continue;
      const i = (y * width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }
  return { data, width, height: width };
}

function readBack(text: string): string[] {
  return findQrCodes(render(text)).map((hit) => hit.text);
}

const ISSUERS = ['Google', 'Microsoft', 'GitHub', 'Zorgplein Noord', 'Magister', 'Basispoort', 'DigiD'];

/** Typical names (a work e-mail address, or a long school one) and 20-byte secrets, as most services hand out. */
function typical(n: number, label = (i: number) => `j.devries${i}@linde.nl`): OtpAccount[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'totp',
    issuer: ISSUERS[i % ISSUERS.length]!,
    label: label(i),
    secret: new Secret({ size: 20 }).base32,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  }));
}

describe('QR codes we show read back with our own decoder', () => {
  it('setup links of any account', () => {
    fc.assert(
      fc.property(accountArb, (account) => {
        const uri = formatOtpauthUri(account);
        // Beyond what a phone would scan off a screen; the link itself is tested in src/core/otp.
        fc.pre(uri.length <= 600);
        expect(readBack(uri)).toEqual([uri]);
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  it('transfer codes of 8 accounts, down to the accounts', () => {
    const accounts = typical(8);
    const { batches } = transferBatches(accounts);
    expect(batches).toHaveLength(1);
    const uri = batches[0]!.uri;
    const [text] = readBack(uri);
    expect(text).toBe(uri);
    expect(parseMigrationUri(text!).accounts).toEqual(accounts);
  });

  it.each([
    ['typical', undefined],
    ['long', (i: number) => `juf.devries${i}@basisschool-de-linde.nl`],
  ] as const)('reports the size and QR version of transfer codes with %s names', (what, label) => {
    const rows = [1, 4, 8, 12].map((n) => {
      const [batch] = transferBatches(typical(n, label), { perBatch: n }).batches;
      const uri = batch!.uri;
      const qr = encode(uri, { ecc: 'M', boostEcc: true, border: 0 });
      return { accounts: n, chars: uri.length, version: qr.version, modules: qr.size };
    });
    console.info(`[formats] transfer QR sizes, ${what} names (level M):`, JSON.stringify(rows));
    // More accounts, never a smaller code; even 12 fit in one symbol (versions end at 40).
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.version).toBeGreaterThanOrEqual(rows[i - 1]!.version);
    expect(rows.at(-1)!.version).toBeLessThanOrEqual(40);
  });
});
