/**
 * Our own backup (`src/core/formats/backup.ts`, layout in docs/backup-format.md), read through the
 * same door as every other app's export. Always encrypted. Unlike other apps' files it carries all
 * that the vault keeps (sites, notes, recovery codes, order, pinning), and all of it comes back.
 */
import type { NewAccount } from '../../account.ts';
import {
  type BackupAccount,
  BackupError,
  type BackupErrorCode,
  isBackupText,
  openBackup,
} from '../backup.ts';
import { readBackupFile } from '../backup-file.ts';
import { ImportError, type ImportErrorCode, type Importer } from '../importer.ts';

const APP = 'Tweestap';

const CODES: Record<BackupErrorCode, ImportErrorCode> = {
  'backup-wrong-password': 'import-wrong-password',
  'backup-damaged': 'import-damaged',
  'backup-truncated': 'import-damaged',
  'backup-newer': 'import-unsupported-version',
  // `detect` only passes files that start like a backup, so this one can only mean damage.
  'backup-not-a-backup': 'import-damaged',
};

/**
 * backup.ts lets a file ask for up to 1 GiB and 64 passes (bounds for what a vault might one day
 * use); an import runs in a page, so a file is held to 4 times today's default cost: memory
 * ≤ 256 MiB, passes ≤ 12, memory × passes ≤ 768 MiB-passes (the default is 64 MiB × 3).
 */
const KDF_CAPS = { memoryKiB: 256 * 1024, iterations: 12, work: 768 * 1024 } as const;

async function checkCost(text: string): Promise<void> {
  const { kdf } = (await readBackupFile(text)).header;
  if (
    kdf.memoryKiB > KDF_CAPS.memoryKiB ||
    kdf.iterations > KDF_CAPS.iterations ||
    kdf.memoryKiB * kdf.iterations > KDF_CAPS.work
  ) {
    throw new ImportError(
      'import-damaged',
      'This Tweestap backup asks for far more key-derivation work than ours use.',
    );
  }
}

/** Everything a new account may carry; `updatedAt` belongs to the vault that writes it. */
function toNewAccount({ updatedAt: _updatedAt, ...account }: BackupAccount): NewAccount {
  return account;
}

export const tweestapImporter: Importer = {
  id: 'tweestap',
  app: APP,
  detect(input) {
    return isBackupText(input.text) ? 'encrypted' : false;
  },
  async read(input, password) {
    let accounts: BackupAccount[];
    try {
      await checkCost(input.text);
      accounts = await openBackup(input.text, password ?? '');
    } catch (error) {
      if (error instanceof BackupError) throw new ImportError(CODES[error.code], error.message);
      throw error;
    }
    if (accounts.length === 0)
      throw new ImportError('import-empty', 'This Tweestap backup holds no accounts.');
    return { accounts: accounts.map(toNewAccount), skipped: [] };
  },
};
