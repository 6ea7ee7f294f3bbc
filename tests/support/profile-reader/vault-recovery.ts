/**
 * What someone with a copy of a closed browser profile can get out of Tweestap's vault, using only
 * the files: the device key's raw bytes from the key slot, the data key it wraps, then the records.
 * The vault's format is written out here on purpose rather than imported, as an attacker would.
 */
import { join } from 'node:path';
import { type Entry, liveEntries, readLevelDb } from './leveldb.ts';
import { isCryptoKey, readIdbValue, type SerializedCryptoKey, type Value } from './v8-value.ts';

const DEVICE_SLOT_AAD = 'tweestap/slot/device/1';
const recordAad = (format: number, id: string) => `tweestap/record/${format}/${id}`;

interface DeviceSlot {
  key: SerializedCryptoKey;
  iv: Uint8Array;
  ct: Uint8Array;
}

interface RecordRow {
  id: string;
  v: number;
  iv: Uint8Array;
  ct: Uint8Array;
}

export interface VaultFiles {
  deviceSlots: DeviceSlot[];
  passwordSlots: number;
  /** Windows Hello or security key slots: their key lives in the authenticator, not in the files. */
  authenticatorSlots: number;
  records: RecordRow[];
}

export interface Recovery extends VaultFiles {
  /** Data keys that some device slot on disk unwrapped. */
  dataKeys: number;
  /** Decrypted account records (JSON). */
  accounts: Record<string, unknown>[];
}

export function vaultDir(profile: string, extensionId: string): string {
  return join(profile, 'Default', 'IndexedDB', `chrome-extension_${extensionId}_0.indexeddb.leveldb`);
}

type Fields = { [key: string]: Value };
const isObject = (value: Value): value is Fields =>
  typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && !Array.isArray(value);

function classify(entries: Entry[]): VaultFiles {
  const files: VaultFiles = { deviceSlots: [], passwordSlots: 0, authenticatorSlots: 0, records: [] };
  for (const { value: stored } of entries) {
    if (!stored) continue;
    let value: Value;
    try {
      value = readIdbValue(stored);
    } catch {
      continue; // IndexedDB's own metadata, not a value the vault wrote
    }
    if (!isObject(value)) continue;
    const { kind, key, iv, ct, id, v } = value;
    if (!(iv instanceof Uint8Array) || !(ct instanceof Uint8Array)) continue;
    if (kind === 'device' && key !== undefined && isCryptoKey(key)) files.deviceSlots.push({ key, iv, ct });
    else if (kind === 'password') files.passwordSlots++;
    else if (kind === 'webauthn') files.authenticatorSlots++;
    else if (typeof id === 'string' && typeof v === 'number') files.records.push({ id, v, iv, ct });
  }
  return files;
}

const gcm = (iv: Uint8Array, aad: string): AesGcmParams => ({
  name: 'AES-GCM',
  iv: new Uint8Array(iv),
  additionalData: new TextEncoder().encode(aad),
});

async function tryDecrypt(raw: Uint8Array, iv: Uint8Array, ct: Uint8Array, aad: string) {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt(gcm(iv, aad), key, new Uint8Array(ct)));
  } catch {
    return undefined;
  }
}

/**
 * `history`: also use old versions and deleted values still in the files (the LevelDB write-ahead
 * log keeps them until the browser compacts it), as a real attacker would.
 */
export async function recoverVault(
  profile: string,
  extensionId: string,
  { history }: { history: boolean },
): Promise<Recovery> {
  const all = readLevelDb(vaultDir(profile, extensionId));
  const files = classify(history ? all : liveEntries(all));
  const dataKeys: Uint8Array[] = [];
  for (const slot of files.deviceSlots) {
    // wrapKey('raw') under AES-GCM is plain GCM encryption of the data key's 32 bytes.
    const dek = await tryDecrypt(slot.key.raw, slot.iv, slot.ct, DEVICE_SLOT_AAD);
    if (dek) dataKeys.push(dek);
  }
  const accounts: Record<string, unknown>[] = [];
  for (const record of files.records) {
    for (const dek of dataKeys) {
      const plain = await tryDecrypt(dek, record.iv, record.ct, recordAad(record.v, record.id));
      if (plain) {
        accounts.push(JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>);
        break;
      }
    }
  }
  return { ...files, dataKeys: dataKeys.length, accounts };
}
