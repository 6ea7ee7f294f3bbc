/**
 * The list snapshot: every account in one ciphertext, so opening the list costs one decryption
 * instead of one per record (5,000 accounts: one AES-GCM call and one JSON.parse). It is a cache
 * of the records, never a source: it holds only what the records held at one `generation`, a clear
 * counter every record write bumps in the same transaction (and deletes the snapshot there, so a
 * removed account's secret does not outlive it in a stale copy). A snapshot of another generation,
 * or one that does not open, is ignored and the records are read instead.
 *
 * Pure IndexedDB and WebCrypto with no `idb` wrapper, so the popup can read it without the worker
 * (`src/ui/popup/quick-list.ts`) while still only ever holding plaintext in memory.
 */
import type { StoredAccount } from '../core/account.ts';
import { AuthError, IV_BYTES, type Sealed, seal, unseal } from '../core/crypto/aead.ts';
import { fromUtf8, isBytes, utf8 } from '../core/crypto/bytes.ts';
import { checkStoredAccount } from './account-shape.ts';

export const SNAPSHOT_KEY = 'list-snapshot';
export const GENERATION_KEY = 'records-generation';
const FORMAT = 1;

export interface SnapshotRow extends Sealed {
  generation: number;
}

export interface SnapshotList {
  accounts: StoredAccount[];
  /** Ids of records that did not open when the snapshot was made. */
  damaged: string[];
}

/** The generation is in the associated data: a snapshot relabelled as newer fails to open. */
const aad = (generation: number) => utf8(`tweestap/list-snapshot/${FORMAT}/${generation}`);

export const readGeneration = (value: unknown): number =>
  Number.isSafeInteger(value) ? (value as number) : 0;

export async function sealSnapshot(
  dek: CryptoKey,
  list: SnapshotList,
  generation: number,
): Promise<SnapshotRow> {
  const sealed = await seal(dek, utf8(JSON.stringify(list)), aad(generation));
  return { generation, ...sealed };
}

/**
 * The accounts of a snapshot that belongs to `generation` and opens under `dek`, each checked like
 * a record; undefined for anything else (absent, older, altered, another key), which callers treat
 * as "read the records".
 */
export async function openSnapshot(
  dek: CryptoKey,
  row: unknown,
  generation: number,
): Promise<SnapshotList | undefined> {
  const r = row as Partial<SnapshotRow> | undefined;
  if (!r || r.generation !== generation || !isBytes(r.iv) || r.iv.length !== IV_BYTES || !isBytes(r.ct))
    return undefined;
  let parsed: { accounts?: unknown; damaged?: unknown };
  try {
    parsed = JSON.parse(fromUtf8(await unseal(dek, { iv: r.iv, ct: r.ct }, aad(generation))));
  } catch (error) {
    if (error instanceof AuthError || error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (!Array.isArray(parsed.accounts) || !Array.isArray(parsed.damaged)) return undefined;
  const accounts: StoredAccount[] = [];
  for (const entry of parsed.accounts) {
    const checked = checkStoredAccount(entry);
    if (!checked.ok) return undefined;
    accounts.push(checked.value);
  }
  const damaged = parsed.damaged.filter((id): id is string => typeof id === 'string');
  return { accounts, damaged };
}
