import type { NewAccount } from '../../../../core/account';
import { BackupError, type BackupErrorCode, isBackupText } from '../../../../core/formats/backup';
import { readBackupFile } from '../../../../core/formats/backup-file';
import { parseOtpauthList } from '../../../../core/formats/otpauth-list';

/** The largest file the worker takes (the backup slice's own limit). */
const MAX_BYTES = 64 * 1024 * 1024;

export type ImportFile =
  /** `problem`: what is wrong with the file itself, found before any password is typed. */
  | { kind: 'backup'; text: string; problem?: BackupErrorCode }
  | { kind: 'list'; accounts: NewAccount[]; failedLines: number }
  /** otpauth links, none of them readable. */
  | { kind: 'bad-list' }
  | { kind: 'unknown' };

/**
 * What a chosen file is. A backup is told by its first bytes, so a cut-off one is still recognised;
 * its checksum needs no password, so a damaged one is named at once. Anything else is read as a
 * list of otpauth links.
 */
export async function readImportFile(file: Blob): Promise<ImportFile> {
  if (file.size > MAX_BYTES) return { kind: 'unknown' };
  const text = await file.text();
  if (isBackupText(text)) {
    try {
      await readBackupFile(text);
      return { kind: 'backup', text };
    } catch (error) {
      if (error instanceof BackupError) return { kind: 'backup', text, problem: error.code };
      throw error;
    }
  }
  const list = parseOtpauthList(text);
  if (list.accounts.length > 0)
    return { kind: 'list', accounts: list.accounts, failedLines: list.failed.length };
  return /^\s*otpauth:/im.test(text) ? { kind: 'bad-list' } : { kind: 'unknown' };
}
