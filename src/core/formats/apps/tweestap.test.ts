import { describe, expect, it } from 'vitest';
import type { StoredAccount } from '../../account.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { createBackup } from '../backup.ts';
import { backupChecksum, formatBackupFile, readBackupFile } from '../backup-file.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';
import { tweestapImporter as tweestap } from './tweestap.ts';

/** Cheap Argon2id: these tests are about the importer, not the key derivation's cost. */
const FAST = { alg: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;
const PASSWORD = 'correct horse battery staple';
const input = (text: string) => importInput(utf8(text));

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

function stored(overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: 'id-1',
    type: 'totp',
    issuer: 'Zorgplein Noord',
    label: 'j.devries@example.nl',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: ['https://login.zorgplein.example'],
    order: 0,
    pinned: true,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    notes: 'Balie vraagt soms om de code',
    recoveryCodes: [{ code: 'herstel-1111-2222', used: false }],
    revision: 3,
    ...overrides,
  };
}

const ACCOUNTS = [
  stored(),
  stored({ id: 'id-2', type: 'hotp', label: 'rooster', counter: 41, order: 1, pinned: false, sites: [] }),
  stored({ id: 'id-3', type: 'steam', issuer: 'Steam', label: 'gamer', digits: 5, order: 2, notes: '' }),
];

/** Re-sealed with a recomputed checksum, as a crafted (not a damaged) file would be. */
async function withKdf(text: string, kdf: { memoryKiB: number; iterations: number }): Promise<string> {
  const envelope = await readBackupFile(text);
  const header = { ...envelope.header, kdf: { ...envelope.header.kdf, ...kdf } };
  const checksum = await backupChecksum(header, envelope.ciphertext);
  return formatBackupFile({ header, ciphertext: envelope.ciphertext, checksum });
}

describe('Tweestap backups', () => {
  it('opens a backup with its password and gives back everything the vault kept', async () => {
    const text = await createBackup(ACCOUNTS, PASSWORD, { kdf: FAST });
    expect(tweestap.detect(input(text))).toBe('encrypted');
    const result = await tweestap.read(input(text), PASSWORD);
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual(
      ACCOUNTS.map(({ id: _id, revision: _revision, updatedAt: _updatedAt, ...rest }) => rest),
    );
  });

  it('maps each backup error to its import error', async () => {
    const text = await createBackup(ACCOUNTS, PASSWORD, { kdf: FAST });
    expect(await readError(tweestap.read(input(text), 'Correct horse battery staple'))).toBe(
      'import-wrong-password',
    );
    expect(await readError(tweestap.read(input(text)))).toBe('import-wrong-password');
    expect(await readError(tweestap.read(input(text.slice(0, 300)), PASSWORD))).toBe('import-damaged');
    const file = JSON.parse(text);
    const changed = {
      ...file,
      ciphertext: (file.ciphertext[0] === 'A' ? 'B' : 'A') + file.ciphertext.slice(1),
    };
    expect(await readError(tweestap.read(input(JSON.stringify(changed)), PASSWORD))).toBe('import-damaged');
    expect(await readError(tweestap.read(input(JSON.stringify({ ...file, version: 2 })), PASSWORD))).toBe(
      'import-unsupported-version',
    );
    expect(await readError(tweestap.read(input('{"hello":1}'), PASSWORD))).toBe('import-damaged');
  });

  it('refuses, before deriving, a file that asks for far more Argon2id work than ours use', async () => {
    const text = await createBackup(ACCOUNTS, PASSWORD, { kdf: FAST });
    for (const kdf of [
      { memoryKiB: 512 * 1024, iterations: 1 },
      { memoryKiB: 64, iterations: 60 },
      { memoryKiB: 128 * 1024, iterations: 8 },
    ]) {
      // backup.ts alone would accept each of these and run it (then say "wrong password").
      expect(await readError(tweestap.read(input(await withKdf(text, kdf)), PASSWORD))).toBe(
        'import-damaged',
      );
    }
  });

  it('calls a backup without accounts empty', async () => {
    const text = await createBackup([], PASSWORD, { kdf: FAST });
    expect(await readError(tweestap.read(input(text), PASSWORD))).toBe('import-empty');
  });

  it('detects by content only', () => {
    expect(tweestap.detect(input('{"version":1,"format":"tweestap-backup"}'))).toBe(false);
    expect(tweestap.detect(input('{"format":"tweestap-backup"'))).toBe('encrypted');
    expect(tweestap.detect(input('otpauth://totp/x?secret=JBSWY3DP'))).toBe(false);
    expect(tweestap.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped backups', async () => {
    const text = await createBackup(ACCOUNTS, PASSWORD, { kdf: FAST });
    for (const bytes of mutatedCopies(utf8(text), 200, 21)) {
      expect(await outcome(tweestap, bytes, PASSWORD)).toMatch(/^(result|import-)/);
    }
  });
});
