/**
 * Key slots: each wraps the one data key (DEK). Exactly one slot is live at a time — the device slot
 * when there is no password, the password slot otherwise — and switching is one IndexedDB
 * transaction, so a crash leaves either the old or the new slot, never neither.
 */
import {
  AuthError,
  importWrappingKey,
  type Sealed,
  seal,
  unseal,
  unwrapDataKey,
  wrapDataKey,
} from '../core/crypto/aead.ts';
import { equalBytes, utf8 } from '../core/crypto/bytes.ts';
import { deriveKek, type KdfSpec, parseKdfSpec } from '../core/crypto/kdf.ts';
import { asObject, parseSealed } from './device-slot.ts';

export {
  createDeviceSlot,
  type DeviceSlot,
  KEY_CHECK,
  openDeviceSlot,
  parseDeviceSlot,
  SLOT_DEVICE,
  SLOT_PASSWORD,
} from './device-slot.ts';

// Distinct associated data per slot kind: a device-slot blob pasted into the password slot (or the
// reverse) fails authentication instead of being interpreted under the wrong key.
const AAD_PASSWORD = utf8('tweestap/slot/password/1');
const AAD_KEY_CHECK = utf8('tweestap/key-check/1');
const KEY_CHECK_TEXT = utf8('tweestap key check v1');

export interface PasswordSlot extends Sealed {
  kind: 'password';
  kdf: KdfSpec;
}

export type KeyCheck = Sealed;

export function parsePasswordSlot(value: unknown): PasswordSlot | undefined {
  const v = asObject(value);
  const sealed = v && parseSealed(v);
  const kdf = v && parseKdfSpec(v.kdf);
  if (!v || !sealed || !kdf || v.kind !== 'password') return undefined;
  return { kind: 'password', kdf, ...sealed };
}

export function parseKeyCheck(value: unknown): KeyCheck | undefined {
  const v = asObject(value);
  return v && parseSealed(v);
}

/** Imports derived bytes, then wipes them: only the non-extractable CryptoKey remains. */
export async function kekFromBytes(kekBytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await importWrappingKey(kekBytes);
  } finally {
    kekBytes.fill(0);
  }
}

export async function createPasswordSlot(
  dek: CryptoKey,
  kek: CryptoKey,
  kdf: KdfSpec,
): Promise<PasswordSlot> {
  return { kind: 'password', kdf, ...(await wrapDataKey(dek, kek, AAD_PASSWORD)) };
}

/** Throws AuthError for a wrong password (indistinguishable from an altered slot, by design of GCM). */
export async function openPasswordSlot(slot: PasswordSlot, password: string): Promise<CryptoKey> {
  const kek = await kekFromBytes(await deriveKek(password, slot.kdf));
  return unwrapDataKey(slot, kek, AAD_PASSWORD);
}

export function createKeyCheck(dek: CryptoKey): Promise<KeyCheck> {
  return seal(dek, KEY_CHECK_TEXT, AAD_KEY_CHECK);
}

/** Proves a DEK (from a slot or from session storage) is the one this vault's records use. */
export async function verifyKeyCheck(dek: CryptoKey, check: KeyCheck): Promise<boolean> {
  try {
    return equalBytes(await unseal(dek, check, AAD_KEY_CHECK), KEY_CHECK_TEXT);
  } catch (error) {
    if (error instanceof AuthError) return false;
    throw error;
  }
}
