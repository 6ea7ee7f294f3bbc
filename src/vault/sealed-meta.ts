/**
 * Small JSON values kept sealed under the data key in the meta store, beside the records: what a
 * capability must keep secret but is not an account (sync's key and its bookkeeping). A password set
 * brings a new data key, so the keyring re-seals every one of them in the same transaction as the
 * records (`keyring.ts`): none is lost to a rekey.
 */
import { IV_BYTES, type Sealed, seal, unseal } from '../core/crypto/aead.ts';
import { fromUtf8, isBytes, utf8 } from '../core/crypto/bytes.ts';
import { VaultError } from './errors.ts';

/** Every name a caller may use; the keyring re-seals exactly these. */
export const SEALED_META = ['sync-state'] as const;
export type SealedMetaName = (typeof SEALED_META)[number];

export const sealedMetaKey = (name: SealedMetaName) => `sealed:${name}`;

// The name is in the associated data: one value cannot be passed off as another.
const aad = (name: SealedMetaName) => utf8(`tweestap/sealed-meta/1/${name}`);

export function sealMeta(dek: CryptoKey, name: SealedMetaName, value: unknown): Promise<Sealed> {
  return seal(dek, utf8(JSON.stringify(value)), aad(name));
}

function isSealed(row: unknown): row is Sealed {
  const r = row as Partial<Sealed> | undefined;
  return typeof r === 'object' && r !== null && isBytes(r.iv) && r.iv.length === IV_BYTES && isBytes(r.ct);
}

/** Undefined when absent; a row that does not open is damage, reported as `tampered`. */
export async function openMeta(dek: CryptoKey, name: SealedMetaName, row: unknown): Promise<unknown> {
  if (row === undefined) return undefined;
  if (!isSealed(row)) throw new VaultError('tampered', `${name} is malformed`, { id: sealedMetaKey(name) });
  try {
    return JSON.parse(fromUtf8(await unseal(dek, row, aad(name))));
  } catch {
    throw new VaultError('tampered', `${name} does not open`, { id: sealedMetaKey(name) });
  }
}

export async function resealMeta(
  from: CryptoKey,
  to: CryptoKey,
  name: SealedMetaName,
  row: unknown,
): Promise<Sealed | undefined> {
  const value = await openMeta(from, name, row);
  return value === undefined ? undefined : sealMeta(to, name, value);
}
