/**
 * Account ⇄ encrypted record. The associated data binds the record id and format version, so a
 * ciphertext copied under another id, or relabelled with another format, fails authentication.
 */
import type { StoredAccount } from '../core/account.ts';
import { AuthError, IV_BYTES, seal, unseal } from '../core/crypto/aead.ts';
import { fromUtf8, isBytes, utf8 } from '../core/crypto/bytes.ts';
import { checkStoredAccount } from './account-shape.ts';
import type { RecordRow } from './db.ts';
import { VaultError } from './errors.ts';

export const RECORD_FORMAT = 1;

/**
 * Plaintext is padded to a multiple of this many bytes so ciphertext length does not betray how
 * long an issuer, label or note is (e.g. telling "x.com" from a long bank name).
 */
const PAD_BLOCK = 256;

function recordAad(id: string, format: number): Uint8Array<ArrayBuffer> {
  return utf8(`tweestap/record/${format}/${id}`);
}

function pad(json: string): Uint8Array<ArrayBuffer> {
  const raw = utf8(json);
  const out = new Uint8Array(Math.ceil((raw.length + 1) / PAD_BLOCK) * PAD_BLOCK);
  out.set(raw);
  // Spaces are JSON whitespace, so the padded text still parses as-is.
  out.fill(0x20, raw.length);
  return out;
}

export async function encodeRecord(dek: CryptoKey, account: StoredAccount): Promise<RecordRow> {
  const sealed = await seal(dek, pad(JSON.stringify(account)), recordAad(account.id, RECORD_FORMAT));
  return { id: account.id, v: RECORD_FORMAT, iv: sealed.iv, ct: sealed.ct, rev: account.revision };
}

function tampered(id: string, why: string): VaultError {
  return new VaultError('tampered', `record ${id}: ${why}`, { id });
}

/** The id a stored row claims, for error reports even when the row is malformed. */
export function rowId(row: unknown): string {
  const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : String(id);
}

/** Decrypts and validates one row; every failure is reported as `tampered` with the record id. */
export async function decodeRecord(dek: CryptoKey, row: unknown): Promise<StoredAccount> {
  return (await openRecord(dek, row)).account;
}

/**
 * The same record under another data key: the plaintext bytes (padding included), id, format and
 * clear revision are kept as they are, so a re-key is not an edit and a record keeps whatever its
 * format version holds. Throws `tampered` like `decodeRecord` when the row does not open.
 */
export async function reencryptRecord(from: CryptoKey, to: CryptoKey, row: unknown): Promise<RecordRow> {
  const { plain, row: r } = await openRecord(from, row);
  const sealed = await seal(to, plain, recordAad(r.id, r.v));
  return { id: r.id, v: r.v, iv: sealed.iv, ct: sealed.ct, rev: r.rev };
}

async function openRecord(
  dek: CryptoKey,
  row: unknown,
): Promise<{ account: StoredAccount; plain: Uint8Array<ArrayBuffer>; row: RecordRow }> {
  const id = rowId(row);
  const r = row as Partial<RecordRow>;
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.id !== 'string' ||
    r.v !== RECORD_FORMAT ||
    !isBytes(r.iv) ||
    r.iv.length !== IV_BYTES ||
    !isBytes(r.ct) ||
    !Number.isSafeInteger(r.rev)
  ) {
    throw tampered(id, 'malformed row');
  }
  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = await unseal(dek, { iv: r.iv, ct: r.ct }, recordAad(r.id, r.v));
  } catch (error) {
    if (error instanceof AuthError) throw tampered(id, 'authentication failed (altered or moved)');
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(plain));
  } catch {
    throw tampered(id, 'undecodable plaintext');
  }
  const checked = checkStoredAccount(parsed);
  if (!checked.ok) throw tampered(id, checked.reason);
  // GCM already binds the id; these catch a writer bug or a clear `rev` edited on disk.
  if (checked.value.id !== r.id) throw tampered(id, 'id mismatch');
  if (checked.value.revision !== r.rev) throw tampered(id, 'revision mismatch');
  return {
    account: checked.value,
    plain,
    row: { id: r.id, v: r.v, iv: r.iv, ct: r.ct, rev: r.rev as number },
  };
}
