/**
 * Key slots: each wraps the one data key (DEK). Exactly one slot is live at a time — the device slot
 * when there is no password, the password slot otherwise — and switching is one IndexedDB
 * transaction, so a crash leaves either the old or the new slot, never neither.
 */
import {
  AuthError,
  IV_BYTES,
  importWrappingKey,
  type Sealed,
  seal,
  unseal,
  unwrapDataKey,
  wrapDataKey,
} from '../core/crypto/aead.ts';
import { equalBytes, isBytes, utf8 } from '../core/crypto/bytes.ts';
import { deriveKek, type KdfSpec, parseKdfSpec } from '../core/crypto/kdf.ts';

export const SLOT_DEVICE = 'slot:device';
export const SLOT_PASSWORD = 'slot:password';
export const KEY_CHECK = 'key-check';

// Distinct associated data per slot kind: a device-slot blob pasted into the password slot (or the
// reverse) fails authentication instead of being interpreted under the wrong key.
const AAD_DEVICE = utf8('tweestap/slot/device/1');
const AAD_PASSWORD = utf8('tweestap/slot/password/1');
const AAD_KEY_CHECK = utf8('tweestap/key-check/1');
const KEY_CHECK_TEXT = utf8('tweestap key check v1');

export interface DeviceSlot extends Sealed {
  kind: 'device';
  /** Non-extractable AES-GCM key, persisted as a CryptoKey via structured clone. */
  key: CryptoKey;
}

export interface PasswordSlot extends Sealed {
  kind: 'password';
  kdf: KdfSpec;
}

export type KeyCheck = Sealed;

function parseSealed(v: Record<string, unknown>): Sealed | undefined {
  if (!isBytes(v.iv) || v.iv.length !== IV_BYTES || !isBytes(v.ct)) return undefined;
  return { iv: v.iv, ct: v.ct };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

export function parseDeviceSlot(value: unknown): DeviceSlot | undefined {
  const v = asObject(value);
  const sealed = v && parseSealed(v);
  if (!v || !sealed || v.kind !== 'device' || !(v.key instanceof CryptoKey)) return undefined;
  return { kind: 'device', key: v.key, ...sealed };
}

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

export async function createDeviceSlot(dek: CryptoKey, deviceKey: CryptoKey): Promise<DeviceSlot> {
  return { kind: 'device', key: deviceKey, ...(await wrapDataKey(dek, deviceKey, AAD_DEVICE)) };
}

/** Throws AuthError when the slot was altered or the device key does not match. */
export function openDeviceSlot(slot: DeviceSlot): Promise<CryptoKey> {
  return unwrapDataKey(slot, slot.key, AAD_DEVICE);
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
