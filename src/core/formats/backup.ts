/**
 * The encrypted backup: every account, sealed under a key derived from a password the person
 * chooses for this file, in a JSON envelope that says nothing about its contents. Format and
 * reasoning: docs/backup-format.md. Pure: runs in the service worker and under Node.
 */
import type { StoredAccount } from '../account.ts';
import { AuthError, IV_BYTES, unseal } from '../crypto/aead.ts';
import { type Bytes, randomBytes } from '../crypto/bytes.ts';
import { type Argon2idParams, DEFAULT_KDF, deriveKek, newKdfSpec, parseKdfSpec } from '../crypto/kdf.ts';
import {
  BACKUP_CIPHER,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupHeader,
  backupChecksum,
  canonicalHeader,
  damaged,
  formatBackupFile,
  readBackupFile,
} from './backup-file.ts';
import { type BackupAccount, type BackupContents, decodePayload, encodePayload } from './backup-payload.ts';

export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupErrorCode,
  isBackupText,
} from './backup-file.ts';
export type { BackupAccount, BackupContents } from './backup-payload.ts';

export const BACKUP_EXTENSION = '.tweestap';

const TAG_BYTES = 16;

/** `tweestap-backup-YYYY-MM-DD.tweestap`, in the person's own calendar (local date). */
export function backupFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${BACKUP_FORMAT}-${day}${BACKUP_EXTENSION}`;
}

/** One key per file (a fresh salt each time), used for one encryption. */
function importFileKey(raw: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/**
 * `options.kdf` exists for tests, which cannot spend 64 MiB of Argon2id per case; everything else
 * gets the vault's default, so a backup is never easier to attack than the vault it came from.
 */
export async function createBackup(
  accounts: readonly StoredAccount[],
  password: string,
  options: { kdf?: Argon2idParams; now?: Date } = {},
): Promise<string> {
  if (typeof password !== 'string' || password === '') {
    throw new RangeError('A backup needs a password.');
  }
  const plaintext = encodePayload(accounts, (options.now ?? new Date()).getTime());
  const spec = newKdfSpec(options.kdf ?? DEFAULT_KDF);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: spec,
    cipher: BACKUP_CIPHER,
    // The IV is chosen here, not by aead.seal, because the header that carries it is the associated data.
    iv: randomBytes(IV_BYTES),
  };
  const key = await importFileKey(await deriveKek(password, spec));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: header.iv, additionalData: canonicalHeader(header), tagLength: TAG_BYTES * 8 },
      key,
      plaintext,
    ),
  );
  return formatBackupFile({ header, ciphertext, checksum: await backupChecksum(header, ciphertext) });
}

/** The accounts and the backup's date. Throws `BackupError` only (its `code` says which failure). */
export async function readBackup(text: string, password: string): Promise<BackupContents> {
  const { header, ciphertext } = await readBackupFile(text);
  // Bounded before any work: a crafted file (its checksum recomputed) must not make us allocate gigabytes.
  const spec = parseKdfSpec(header.kdf);
  if (!spec) throw damaged('its key derivation parameters are out of range');
  if (header.iv.length !== IV_BYTES) throw damaged('its iv has the wrong length');
  if (ciphertext.length < TAG_BYTES) throw damaged('its ciphertext is shorter than a tag');
  // No backup is made without a password (and Argon2id refuses an empty one).
  if (typeof password !== 'string' || password === '') throw wrongPassword();
  const key = await importFileKey(await deriveKek(password, spec));
  let plaintext: Bytes;
  try {
    plaintext = await unseal(key, { iv: header.iv, ct: ciphertext }, canonicalHeader(header));
  } catch (error) {
    // The checksum already matched, so the bytes are as written: what fails is the password.
    if (error instanceof AuthError) throw wrongPassword();
    throw error;
  }
  const contents = decodePayload(plaintext);
  if (!contents) throw damaged('an account in it is incomplete or invalid');
  return contents;
}

function wrongPassword(): BackupError {
  return new BackupError('backup-wrong-password', 'The password does not open this backup.');
}

export async function openBackup(text: string, password: string): Promise<BackupAccount[]> {
  return (await readBackup(text, password)).accounts;
}
