/**
 * The backup file's envelope: its JSON shape, the header's canonical bytes (the encryption's
 * associated data) and the checksum. Reading sorts every failure into one of the typed errors
 * before any key is derived, so a damaged or hostile file costs no Argon2id run. The layout is
 * described for people in docs/backup-format.md.
 */
import type { Bytes } from '../crypto/bytes.ts';
import { equalBytes, utf8 } from '../crypto/bytes.ts';
import type { Argon2idParams } from '../crypto/kdf.ts';
import { fromBase64Strict, toBase64 } from './base64.ts';

export const BACKUP_FORMAT = 'tweestap-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_CIPHER = 'AES-256-GCM';

export type BackupErrorCode =
  | 'backup-not-a-backup'
  | 'backup-truncated'
  | 'backup-newer'
  | 'backup-damaged'
  | 'backup-wrong-password';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  readonly code: BackupErrorCode;

  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  kdf: Argon2idParams & { salt: Bytes };
  cipher: typeof BACKUP_CIPHER;
  iv: Bytes;
}

export interface BackupEnvelope {
  header: BackupHeader;
  ciphertext: Bytes;
  checksum: Bytes;
}

/**
 * Whitespace may differ (an editor may re-indent the file), but `format` must be the first key:
 * that is what lets a file cut off after a few hundred bytes still be recognised as ours.
 */
const SIGNATURE = new RegExp(`^\\uFEFF?\\s*\\{\\s*"format"\\s*:\\s*"${BACKUP_FORMAT}"`);

export function isBackupText(text: string): boolean {
  return typeof text === 'string' && SIGNATURE.test(text.slice(0, 256));
}

/** Fixed key order, base64 re-encoded from the bytes: the same header always gives the same bytes. */
export function canonicalHeader(header: BackupHeader): Bytes {
  const { kdf } = header;
  return utf8(
    JSON.stringify({
      format: header.format,
      version: header.version,
      kdf: {
        alg: kdf.alg,
        memoryKiB: kdf.memoryKiB,
        iterations: kdf.iterations,
        parallelism: kdf.parallelism,
        salt: toBase64(kdf.salt),
      },
      cipher: header.cipher,
      iv: toBase64(header.iv),
    }),
  );
}

/** Unkeyed on purpose: anyone can recompute it, so it tells damage apart from a wrong password, nothing more. */
export async function backupChecksum(header: BackupHeader, ciphertext: Uint8Array): Promise<Bytes> {
  const head = canonicalHeader(header);
  const all = new Uint8Array(head.length + ciphertext.length);
  all.set(head);
  all.set(ciphertext, head.length);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

export function formatBackupFile(envelope: BackupEnvelope): string {
  const { header, ciphertext, checksum } = envelope;
  const file = {
    format: header.format,
    version: header.version,
    kdf: { ...header.kdf, salt: toBase64(header.kdf.salt) },
    cipher: header.cipher,
    iv: toBase64(header.iv),
    ciphertext: toBase64(ciphertext),
    checksum: toBase64(checksum),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads the envelope and checks its checksum. Throws `backup-not-a-backup`, `backup-truncated`,
 * `backup-newer` or `backup-damaged`; the KDF bounds and the decryption come after (backup.ts).
 */
export async function readBackupFile(text: string): Promise<BackupEnvelope> {
  if (!isBackupText(text)) {
    throw new BackupError('backup-not-a-backup', 'This file is not a Tweestap backup.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw isUnterminated(text)
      ? new BackupError('backup-truncated', 'The backup file ends too early; it was cut off.')
      : new BackupError('backup-damaged', 'The backup file is damaged: it is no longer valid JSON.');
  }
  const file = asRecord(value);
  if (!file) throw damaged('it is not a JSON object');
  // The version decides what the rest means, so a newer file is not judged by this version's rules.
  const { version } = file;
  if (!Number.isSafeInteger(version) || (version as number) < 1) throw damaged('its version is not a number');
  if ((version as number) > BACKUP_VERSION) {
    throw new BackupError(
      'backup-newer',
      `This backup was made by a newer Tweestap (format version ${version}); update Tweestap to open it.`,
    );
  }
  const envelope = readEnvelope(file);
  if (!equalBytes(envelope.checksum, await backupChecksum(envelope.header, envelope.ciphertext))) {
    throw damaged('its checksum does not match');
  }
  return envelope;
}

function readEnvelope(file: Record<string, unknown>): BackupEnvelope {
  if (file.format !== BACKUP_FORMAT) throw damaged('its format name changed');
  if (file.cipher !== BACKUP_CIPHER) throw damaged('its cipher is not AES-256-GCM');
  const kdf = asRecord(file.kdf);
  if (kdf?.alg !== 'argon2id') throw damaged('its key derivation is not Argon2id');
  const { memoryKiB, iterations, parallelism } = kdf;
  if (![memoryKiB, iterations, parallelism].every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw damaged('its key derivation parameters are not numbers');
  }
  const salt = bytesField(kdf.salt, 'salt');
  const iv = bytesField(file.iv, 'iv');
  const ciphertext = bytesField(file.ciphertext, 'ciphertext');
  const checksum = bytesField(file.checksum, 'checksum');
  return {
    header: {
      format: BACKUP_FORMAT,
      version: file.version as number,
      kdf: {
        alg: 'argon2id',
        memoryKiB: memoryKiB as number,
        iterations: iterations as number,
        parallelism: parallelism as number,
        salt,
      },
      cipher: BACKUP_CIPHER,
      iv,
    },
    ciphertext,
    checksum,
  };
}

function bytesField(value: unknown, name: string): Bytes {
  const bytes = typeof value === 'string' ? fromBase64Strict(value) : undefined;
  if (!bytes) throw damaged(`its ${name} is not base64`);
  return bytes;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function damaged(why: string): BackupError {
  return new BackupError('backup-damaged', `The backup file is damaged: ${why}.`);
}

/**
 * A cut-off file stops inside a string or an unclosed object; a file with a changed byte is still
 * closed. Counting braces outside strings tells the two apart without relying on the wording of
 * JSON.parse's error, which differs between engines.
 */
function isUnterminated(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return inString || depth > 0;
}
