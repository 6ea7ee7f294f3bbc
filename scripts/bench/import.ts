// Importing 1,000 accounts through the options page in real Chromium, as a person does it: from an
// otpauth list, and from an encrypted Aegis export made here with Aegis's own scrypt cost (N = 2^15).
// Each run is a fresh profile. Times are the page's own, from the click to the text on screen.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { OtpAccount } from '../../src/core/account.ts';
import { aegisDb, aegisEncryptedFile, otpauthLink } from '../../tests/support/export-files.ts';
import { clickUntil, importRegion, median, withOptionsPage } from './options-ui.ts';

const RUNS = 3;
const PASSWORD = 'correct horse battery staple';
const PREVIEW = /^What is in /;

function accounts(count: number): OtpAccount[] {
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
  }));
}

async function choose(page: Page, file: string) {
  await importRegion(page).getByLabel('Choose a file', { exact: true }).setInputFiles(file);
}

/** Continue (and Unlock for an encrypted file) to the preview, then Import all to the end. */
async function importOnce(file: string, count: number, password?: string) {
  return withOptionsPage(async (page) => {
    await choose(page, file);
    let unlockToPreview: number | undefined;
    let continueToPreview: number;
    if (password) {
      continueToPreview = await clickUntil(page, 'Continue', /^Unlock the backup$/);
      await importRegion(page).getByLabel('Backup password', { exact: true }).fill(password);
      unlockToPreview = await clickUntil(page, 'Unlock', PREVIEW);
    } else {
      continueToPreview = await clickUntil(page, 'Continue', PREVIEW);
    }
    const commit = await clickUntil(page, 'Import all', new RegExp(`^Imported ${count} accounts$`));
    return { continueToPreview, unlockToPreview, commit };
  });
}

/** The page's scrypt alone: an Aegis file of one account, from Unlock to its preview. */
async function aegisKdfOnce(file: string) {
  return withOptionsPage(async (page) => {
    await choose(page, file);
    await clickUntil(page, 'Continue', /^Unlock the backup$/);
    await importRegion(page).getByLabel('Backup password', { exact: true }).fill(PASSWORD);
    return clickUntil(page, 'Unlock', PREVIEW);
  });
}

const summary = (runs: number[]) => ({ medianMs: Math.round(median(runs)), runsMs: runs.map(Math.round) });

export async function benchImport(count = 1000) {
  const dir = mkdtempSync(join(tmpdir(), 'tweestap-bench-import-'));
  const list = join(dir, 'accounts.txt');
  writeFileSync(list, `${accounts(count).map(otpauthLink).join('\n')}\n`);
  const aegis = join(dir, 'aegis-export.json');
  writeFileSync(aegis, await aegisEncryptedFile(aegisDb(accounts(count)), PASSWORD));
  const aegisOne = join(dir, 'aegis-one.json');
  writeFileSync(aegisOne, await aegisEncryptedFile(aegisDb(accounts(1)), PASSWORD));

  const listRuns = [];
  const aegisRuns = [];
  const kdfRuns = [];
  for (let i = 0; i < RUNS; i++) {
    listRuns.push(await importOnce(list, count));
    aegisRuns.push(await importOnce(aegis, count, PASSWORD));
    kdfRuns.push(await aegisKdfOnce(aegisOne));
  }
  return {
    accounts: count,
    otpauthList: {
      continueToPreview: summary(listRuns.map((r) => r.continueToPreview)),
      importAllToDone: summary(listRuns.map((r) => r.commit)),
    },
    aegisEncrypted: {
      scrypt: 'N=32768 r=8 p=1',
      unlockToPreview: summary(aegisRuns.map((r) => r.unlockToPreview!)),
      importAllToDone: summary(aegisRuns.map((r) => r.commit)),
      kdfOnly: summary(kdfRuns),
    },
    note:
      'options page UI in Chromium, fresh profile per run; "importAllToDone" = Import all click to ' +
      '"Imported N accounts" (import.commit, one vault transaction); unlockToPreview = scrypt + ' +
      'AES-GCM + parsing + import.preview; kdfOnly = the same for a file of one account',
  };
}
