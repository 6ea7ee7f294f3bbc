// Backup and restore of 1,000 accounts in real Chromium. The backup is made through the message the
// options page sends; the restore goes through the options page itself, as a person does it: the page
// opens the file (Argon2id, AES-GCM, reading) and the worker compares and commits. Each restore run is
// a fresh profile. The KDF's share is measured on its own (a backup of no accounts is one Argon2id
// and little else: it answers "holds no accounts").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { clickUntil, importRegion, median, timedMessage, withOptionsPage } from './options-ui.ts';

const PASSWORD = 'correct horse battery staple';
const RUNS = 3;

function accounts(count: number) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, i) => ({
    type: 'totp',
    issuer: `Issuer ${i}`,
    label: `user${i}@example.org`,
    secret: Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join(''),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [`https://login${i}.example.org`],
    notes: i % 10 === 0 ? 'recovery sheet in the safe' : '',
    recoveryCodes:
      i % 10 === 0 ? Array.from({ length: 10 }, (_, j) => ({ code: `code-${i}-${j}`, used: false })) : [],
  }));
}

async function unlock(page: Page, file: string, until: RegExp): Promise<number> {
  await importRegion(page).getByLabel('Choose a file', { exact: true }).setInputFiles(file);
  await clickUntil(page, 'Continue', /^Unlock the backup$/);
  await importRegion(page).getByLabel('Backup password', { exact: true }).fill(PASSWORD);
  return clickUntil(page, 'Unlock', until);
}

export async function benchBackup(count = 1000) {
  const dir = mkdtempSync(join(tmpdir(), 'tweestap-bench-backup-'));
  const made = await withOptionsPage(async (page) => {
    const empty = (await timedMessage(page, 'backup.create', { password: PASSWORD })).value as {
      text: string;
    };
    await timedMessage(page, 'import.commit', { accounts: accounts(count) });
    const runs: number[] = [];
    let text = '';
    for (let i = 0; i < RUNS; i++) {
      const made = await timedMessage(page, 'backup.create', { password: PASSWORD });
      runs.push(made.ms);
      text = (made.value as { text: string }).text;
    }
    return { runs, text, empty: empty.text };
  });
  const full = join(dir, 'full.tweestap');
  writeFileSync(full, made.text);
  const empty = join(dir, 'empty.tweestap');
  writeFileSync(empty, made.empty);

  const open: number[] = [];
  const commit: number[] = [];
  const kdf: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await withOptionsPage(async (page) => {
      open.push(await unlock(page, full, /^What is in /));
      commit.push(await clickUntil(page, 'Import all', new RegExp(`^Imported ${count} accounts$`)));
      await importRegion(page).getByRole('button', { name: 'Done', exact: true }).click();
      kdf.push(await unlock(page, empty, /holds no accounts/));
    });
  }
  const restores = open.map((ms, i) => ms + commit[i]!);
  return {
    accounts: count,
    fileBytes: made.text.length,
    backupMedianMs: Math.round(median(made.runs)),
    backupRunsMs: made.runs.map(Math.round),
    restoreMedianMs: Math.round(median(restores)),
    restoreRunsMs: restores.map(Math.round),
    restoreOpenMedianMs: Math.round(median(open)),
    restoreCommitMedianMs: Math.round(median(commit)),
    kdfMedianMs: Math.round(median(kdf)),
    note:
      'restore = through the options page into an empty vault (fresh profile per run): Unlock click to the ' +
      'preview (the page opens the file: Argon2id, AES-GCM, reading; then import.preview) plus Import all ' +
      'click to "Imported N accounts" (import.commit); KDF = Unlock to the answer for a backup of no accounts',
  };
}
