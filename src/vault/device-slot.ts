/**
 * The device slot on its own, without the password slot's KDF (hash-wasm): the popup opens it to read
 * the list snapshot without waiting for the worker (`src/ui/popup/quick-list.ts`).
 */
import { IV_BYTES, type Sealed, unwrapDataKey, wrapDataKey } from '../core/crypto/aead.ts';
import { isBytes, utf8 } from '../core/crypto/bytes.ts';

export const SLOT_DEVICE = 'slot:device';
export const SLOT_PASSWORD = 'slot:password';
export const KEY_CHECK = 'key-check';

// Distinct associated data per slot kind (see ./slots.ts).
const AAD_DEVICE = utf8('tweestap/slot/device/1');

export interface DeviceSlot extends Sealed {
  kind: 'device';
  /** Non-extractable AES-GCM key, persisted as a CryptoKey via structured clone. */
  key: CryptoKey;
}

export function parseSealed(v: Record<string, unknown>): Sealed | undefined {
  if (!isBytes(v.iv) || v.iv.length !== IV_BYTES || !isBytes(v.ct)) return undefined;
  return { iv: v.iv, ct: v.ct };
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

export function parseDeviceSlot(value: unknown): DeviceSlot | undefined {
  const v = asObject(value);
  const sealed = v && parseSealed(v);
  if (!v || !sealed || v.kind !== 'device' || !(v.key instanceof CryptoKey)) return undefined;
  return { kind: 'device', key: v.key, ...sealed };
}

export async function createDeviceSlot(dek: CryptoKey, deviceKey: CryptoKey): Promise<DeviceSlot> {
  return { kind: 'device', key: deviceKey, ...(await wrapDataKey(dek, deviceKey, AAD_DEVICE)) };
}

/** Throws AuthError when the slot was altered or the device key does not match. */
export function openDeviceSlot(slot: DeviceSlot): Promise<CryptoKey> {
  return unwrapDataKey(slot, slot.key, AAD_DEVICE);
}
