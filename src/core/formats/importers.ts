/**
 * Every format the import flow reads, in the order detection tries them: formats with a signature
 * or a distinctive shape first, the generic otpauth list near the end (links sit inside many other
 * formats), andOTP's signature-less encrypted files last. A new format is one file in apps/ and
 * one line here.
 */
import { aegisImporter } from './apps/aegis.ts';
import { andotpImporter } from './apps/andotp.ts';
import { authenticatorExtImporter } from './apps/authenticator-ext.ts';
import { authyImporter } from './apps/authy.ts';
import { battleNetImporter } from './apps/battle-net.ts';
import { bitwardenImporter } from './apps/bitwarden.ts';
import { duoImporter } from './apps/duo.ts';
import { enteImporter } from './apps/ente.ts';
import { freeotpImporter } from './apps/freeotp.ts';
import { googleTransferImporter } from './apps/google-transfer.ts';
import { otpauthListImporter } from './apps/otpauth-list.ts';
import { protonImporter } from './apps/proton.ts';
import { steamImporter } from './apps/steam.ts';
import { stratumImporter } from './apps/stratum.ts';
import { totpAuthenticatorImporter } from './apps/totp-authenticator.ts';
import { tweestapImporter } from './apps/tweestap.ts';
import { twofasImporter } from './apps/twofas.ts';
import { unreadableFormats } from './apps/unreadable.ts';
import type { Importer, ImportInput, Unreadable } from './importer.ts';

export const IMPORTERS: readonly Importer[] = [
  tweestapImporter,
  aegisImporter,
  twofasImporter,
  stratumImporter,
  authenticatorExtImporter,
  bitwardenImporter,
  protonImporter,
  freeotpImporter,
  duoImporter,
  steamImporter,
  authyImporter,
  battleNetImporter,
  totpAuthenticatorImporter,
  enteImporter,
  googleTransferImporter,
  otpauthListImporter,
  andotpImporter,
];

export const UNREADABLE: readonly Unreadable[] = unreadableFormats;

export type Detected =
  | { kind: 'importer'; importer: Importer; encrypted: boolean }
  | { kind: 'unreadable'; format: Unreadable }
  | { kind: 'unknown' };

export function detectFormat(input: ImportInput): Detected {
  // A recognised private database or container is named before andOTP's catch-all could claim it.
  for (const format of UNREADABLE) if (format.detect(input)) return { kind: 'unreadable', format };
  for (const importer of IMPORTERS) {
    const found = importer.detect(input);
    if (found) return { kind: 'importer', importer, encrypted: found === 'encrypted' };
  }
  return { kind: 'unknown' };
}

/** The apps we read, for "We read exports from: …" under an unknown file. */
export const readableApps = (): string[] => [...new Set(IMPORTERS.map((importer) => importer.app))];

export function importInput(bytes: Uint8Array): ImportInput {
  return { bytes, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
}
