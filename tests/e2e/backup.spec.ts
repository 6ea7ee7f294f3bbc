import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { NewAccount, StoredAccount } from '../../src/core/account';
import { EXTENSION_ID, expect, extensionWorker, test } from './fixtures';
import { launchWithExtension } from './launch';
import {
  call,
  expectLiveCode,
  listAccounts,
  messagesFor,
  msg,
  oathtoolHotp,
  oathtoolTotpWith,
  randomSecret,
  rowFor,
  screenshot,
  shownCode,
} from './popup-helpers';

const BACKUP_PASSWORD = 'paard batterij nietje correct';
const en = messagesFor('en');

/** Everything a backup must carry: sites, notes, recovery codes (one used), a pin, an HOTP counter. */
function sampleAccounts(): NewAccount[] {
  const base = { algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
  return [
    {
      ...base,
      type: 'totp',
      issuer: 'Schoolportaal',
      label: 'juf.anna@school.test',
      secret: randomSecret(),
      sites: ['school.test', 'https://mail.school.test'],
      notes: 'Recovery sheet is in the top desk drawer',
      recoveryCodes: [
        { code: 'RECOV-1111-AAAA', used: false },
        { code: 'RECOV-2222-BBBB', used: true },
      ],
      pinned: true,
    },
    {
      ...base,
      type: 'hotp',
      issuer: 'Zorgdossier',
      label: 'verpleging-hotp',
      secret: randomSecret(),
      counter: 41,
      notes: 'Token from the care office',
    },
    {
      type: 'totp',
      issuer: 'Roosterplanner',
      label: 'planning@zorg.test',
      secret: randomSecret(),
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      counter: 0,
      sites: ['rooster.zorg.test'],
    },
  ];
}

async function openOptions(context: BrowserContext, extensionId: string, scheme: 'light' | 'dark' = 'light') {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 1800 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

const backupRegion = (page: Page) => page.getByRole('region', { name: msg(en, 'backup_title') });
const restoreRegion = (page: Page) => page.getByRole('region', { name: msg(en, 'restore_title') });

/** The fields a restore must bring back unchanged; id, revision and updatedAt belong to one vault. */
const portable = ({ id, revision, updatedAt, ...rest }: StoredAccount) => rest;
const bySecret = (list: StoredAccount[]) => [...list].sort((a, b) => a.secret.localeCompare(b.secret));

const localDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

async function saveBackup(page: Page, path: string): Promise<string> {
  const region = backupRegion(page);
  await region.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await region.getByLabel('Confirm backup password').fill(BACKUP_PASSWORD);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    region.getByRole('button', { name: 'Save backup' }).click(),
  ]);
  await download.saveAs(path);
  return download.suggestedFilename();
}

async function chooseAndContinue(page: Page, file: string) {
  const region = restoreRegion(page);
  await region.getByLabel('Choose a file', { exact: true }).setInputFiles(file);
  await expect(region.getByText(`Chosen: ${file.split('/').pop()}`)).toBeVisible();
  await region.getByRole('button', { name: 'Continue' }).click();
}

async function unlockBackup(page: Page, password: string) {
  const region = restoreRegion(page);
  const field = region.getByLabel('Backup password', { exact: true });
  await field.fill(password);
  await region.getByRole('button', { name: 'Unlock' }).click();
  return field;
}

async function expectStatuses(list: Locator, statuses: string[]) {
  await expect(list.getByRole('listitem')).toHaveCount(statuses.length, { timeout: 60_000 });
  for (const [i, status] of statuses.entries())
    await expect(list.getByRole('listitem').nth(i)).toContainText(status);
}

test('a backup saved in one profile brings every account back, fields and codes, in a fresh one', async ({
  context,
  extensionId,
  openPopup,
}, testInfo) => {
  // Argon2id at the vault's full cost runs four times (save, a wrong try, two opens), on a slowed CPU.
  test.setTimeout(240_000);
  const seed = await openPopup();
  for (const account of sampleAccounts()) await call(seed, 'vault.add', { account });
  const originals = await listAccounts(seed);
  expect(originals).toHaveLength(3);
  await seed.close();

  const page = await openOptions(context, extensionId);
  const region = backupRegion(page);
  await expect(region.getByText(msg(en, 'backup_never'))).toBeVisible();
  await screenshot(page, testInfo, 'options-backup-en');

  // Two different passwords: a clear error, and no file.
  await region.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await region.getByLabel('Confirm backup password').fill('paard batterij nietje fout');
  const mismatch = region.getByRole('alert').filter({ hasText: msg(en, 'password_mismatch') });
  // Said once, on submit (or on leaving Confirm), not at the first keystroke in it.
  await expect(mismatch).toHaveCount(0);
  await region.getByRole('button', { name: 'Save backup' }).click();
  await expect(mismatch).toHaveCount(1);
  await expect(mismatch).toBeVisible();
  await screenshot(page, testInfo, 'options-backup-mismatch-en');

  const file = testInfo.outputPath('saved.tweestap');
  const fileName = await saveBackup(page, file);
  expect(fileName).toBe(`tweestap-backup-${localDate(new Date())}.tweestap`);
  await expect(region.getByRole('status').first()).toContainText('Backup saved: 3 accounts');
  await expect(region.getByText(/^Last backup: /)).toBeVisible();
  expect((await call<{ lastBackupAt: number }>(page, 'settings.get')).lastBackupAt).toBeGreaterThan(0);
  await screenshot(page, testInfo, 'options-backup-saved-en');

  // The file says what it is and nothing about what it holds.
  const text = readFileSync(file, 'utf8');
  expect(text).toMatch(/^\{\s*"format": "tweestap-backup"/);
  for (const account of originals) {
    const revealing = [
      account.secret,
      account.issuer,
      account.label,
      account.notes,
      ...account.sites,
      ...account.recoveryCodes.map((entry) => entry.code),
    ].filter(Boolean);
    for (const secret of revealing) expect(text, secret).not.toContain(secret);
  }

  // A damaged copy: one byte of the ciphertext flipped, everything else as saved.
  const parsed = JSON.parse(text) as { ciphertext: string };
  const bytes = Buffer.from(parsed.ciphertext, 'base64');
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  const damagedFile = testInfo.outputPath('damaged.tweestap');
  writeFileSync(damagedFile, JSON.stringify({ ...parsed, ciphertext: bytes.toString('base64') }, null, 2));

  // A fresh profile: nothing of the first one, as on a new computer.
  const profile = mkdtempSync(join(tmpdir(), 'tweestap-restore-'));
  const fresh = await launchWithExtension(profile);
  try {
    const worker = await extensionWorker(fresh.context);
    const freshId = new URL(worker.url()).host;
    expect(freshId).toBe(EXTENSION_ID);
    const options = await openOptions(fresh.context, freshId);
    expect(await listAccounts(options)).toEqual([]);
    await screenshot(options, testInfo, 'options-restore-start-en');

    await chooseAndContinue(options, file);
    const restore = restoreRegion(options);
    // The restore has the page to itself: one "Backup password" box on the page.
    await expect(options.getByLabel('Backup password', { exact: true })).toHaveCount(1);
    await expect(backupRegion(options)).toHaveCount(0);
    await screenshot(options, testInfo, 'options-restore-password-en');

    const field = await unlockBackup(options, 'not the backup password');
    await expect(restore.getByRole('alert')).toHaveText(
      msg(en, 'import_error_wrong_password').replace('$1', 'Tweestap'),
      { timeout: 60_000 },
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(await listAccounts(options)).toEqual([]);
    await screenshot(options, testInfo, 'options-restore-wrong-password-en');

    await unlockBackup(options, BACKUP_PASSWORD);
    const list = restore.getByRole('list', { name: msg(en, 'restore_list_label') });
    await expectStatuses(list, ['New', 'New', 'New']);
    await expect(restore.getByText('3 new, 0 already in Tweestap, 0 changed')).toBeVisible();
    for (const account of originals) await expect(list).toContainText(account.issuer);
    expect(await listAccounts(options)).toEqual([]);
    await screenshot(options, testInfo, 'options-restore-preview-en');

    await restore.getByRole('button', { name: 'Import all' }).click();
    await expect(restore.getByText(/Imported \d+ accounts?/)).toHaveText('Imported 3 accounts');
    await screenshot(options, testInfo, 'options-restore-done-en');

    const restored = await listAccounts(options);
    expect(bySecret(restored).map(portable)).toEqual(bySecret(originals).map(portable));

    // The popup shows them with the same codes as the reference implementation.
    const popup = await fresh.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${freshId}/popup.html`);
    const [school, care, roster] = originals as [StoredAccount, StoredAccount, StoredAccount];
    await expectLiveCode(rowFor(popup, school.issuer, school.label), (now) =>
      oathtoolTotpWith(school.secret, now),
    );
    await expectLiveCode(
      rowFor(popup, roster.issuer, roster.label),
      (now) => oathtoolTotpWith(roster.secret, now, { algorithm: 'SHA256', digits: 8, period: 60 }),
      60,
    );
    expect(await shownCode(rowFor(popup, care.issuer, care.label))).toBe(oathtoolHotp(care.secret, 41));
    await popup.close();

    // The same file again: everything is already here, and importing it changes nothing.
    await restore.getByRole('button', { name: 'Done' }).click();
    await expect(backupRegion(options)).toBeVisible();
    await chooseAndContinue(options, file);
    await unlockBackup(options, BACKUP_PASSWORD);
    await expectStatuses(list, ['Already in Tweestap', 'Already in Tweestap', 'Already in Tweestap']);
    await expect(restore.getByText('0 new, 3 already in Tweestap, 0 changed')).toBeVisible();
    await expect(restore.getByText(msg(en, 'restore_nothing_new'))).toBeVisible();
    await options.emulateMedia({ colorScheme: 'dark' });
    await screenshot(options, testInfo, 'options-restore-again-dark');
    await options.emulateMedia({ colorScheme: 'light' });
    await restore.getByRole('button', { name: 'Import all' }).click();
    await expect(restore.getByText(/Imported \d+ accounts?/)).toHaveText('Imported 0 accounts');
    expect(await listAccounts(options)).toEqual(restored);
    await restore.getByRole('button', { name: 'Done' }).click();

    // A damaged copy is named as soon as it is chosen (its checksum needs no password), and trying
    // the right password anyway says the same; the vault stays as it was.
    await chooseAndContinue(options, damagedFile);
    await expect(restore.getByRole('alert')).toHaveText(msg(en, 'error_backup_damaged'));
    await expect(restore.getByLabel('Backup password', { exact: true })).not.toHaveAttribute('aria-invalid');
    await screenshot(options, testInfo, 'options-restore-damaged-en');
    await unlockBackup(options, BACKUP_PASSWORD);
    await expect(restore.getByRole('alert')).toHaveText(msg(en, 'error_backup_damaged'), { timeout: 60_000 });
    expect(await listAccounts(options)).toEqual(restored);

    // Cut off half-way, made by a newer Tweestap, or no export at all: each says its own message.
    await restore.getByRole('button', { name: msg(en, 'restore_other_file') }).click();
    const truncated = testInfo.outputPath('cut.tweestap');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    await chooseAndContinue(options, truncated);
    await expect(restore.getByRole('alert')).toHaveText(msg(en, 'error_backup_truncated'));
    await restore.getByRole('button', { name: msg(en, 'restore_other_file') }).click();
    const newer = testInfo.outputPath('newer.tweestap');
    writeFileSync(newer, JSON.stringify({ ...parsed, version: 99 }, null, 2));
    await chooseAndContinue(options, newer);
    await expect(restore.getByRole('alert')).toHaveText(msg(en, 'error_backup_newer'));
    await restore.getByRole('button', { name: msg(en, 'restore_other_file') }).click();
    const notes = testInfo.outputPath('notes.txt');
    writeFileSync(notes, 'My shopping list\nbread\nmilk\n');
    await chooseAndContinue(options, notes);
    await expect(restore.getByRole('alert')).toContainText(msg(en, 'import_unknown_file'));
    await expect(restore.getByLabel('Backup password', { exact: true })).toHaveCount(0);
    expect(await listAccounts(options)).toEqual(restored);
  } finally {
    await fresh.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test('restoring merges into what is here: nothing stored is lost, what the file adds comes in', async ({
  context,
  extensionId,
  openPopup,
}, testInfo) => {
  test.setTimeout(180_000);
  const seed = await openPopup();
  const [school, care] = sampleAccounts() as [NewAccount, NewAccount];
  for (const account of [school, care]) await call(seed, 'vault.add', { account });
  const page = await openOptions(context, extensionId);
  const file = testInfo.outputPath('merge.tweestap');
  await saveBackup(page, file);

  // After the backup: the school account loses a site but gains a note here; the care one is removed.
  const [storedSchool, storedCare] = await listAccounts(page);
  await call(page, 'vault.update', {
    id: storedSchool!.id,
    revision: storedSchool!.revision,
    patch: {
      sites: ['school.test'],
      notes: 'Changed here',
      recoveryCodes: [{ code: 'RECOV-1111-AAAA', used: true }],
    },
  });
  await call(page, 'vault.remove', { id: storedCare!.id });

  await chooseAndContinue(page, file);
  await unlockBackup(page, BACKUP_PASSWORD);
  const restore = restoreRegion(page);
  const list = restore.getByRole('list', { name: msg(en, 'restore_list_label') });
  await expectStatuses(list, ['Changed', 'New']);
  await expect(list.getByRole('listitem').first()).toContainText('Adds: websites, recovery codes');
  await expect(restore.getByText('1 new, 0 already in Tweestap, 1 changed')).toBeVisible();
  await screenshot(page, testInfo, 'options-restore-merge-en');
  await restore.getByRole('button', { name: 'Import all' }).click();
  await expect(restore.getByText(/Imported \d+ accounts?/)).toHaveText('Imported 2 accounts');
  await expect(
    restore.getByText('1 new, 1 completed with what was missing, 0 already in Tweestap.'),
  ).toBeVisible();

  const after = await listAccounts(page);
  const merged = after.find((account) => account.secret === school.secret)!;
  expect(merged.sites).toEqual(['school.test', 'https://mail.school.test']);
  expect(merged.notes).toBe('Changed here');
  expect(merged.recoveryCodes).toEqual([
    { code: 'RECOV-1111-AAAA', used: true },
    { code: 'RECOV-2222-BBBB', used: true },
  ]);
  expect(after.find((account) => account.secret === care.secret)).toMatchObject({
    counter: 41,
    notes: care.notes,
  });
});

test('the plain link list downloads only after the warning is confirmed', async ({
  context,
  extensionId,
  openPopup,
}, testInfo) => {
  const seed = await openPopup();
  const accounts = sampleAccounts();
  for (const account of accounts) await call(seed, 'vault.add', { account });
  const page = await openOptions(context, extensionId);
  const region = backupRegion(page);
  await region.getByText(msg(en, 'export_title')).click();
  await expect(region.getByText(msg(en, 'export_warning'))).toBeVisible();
  const button = region.getByRole('button', { name: msg(en, 'export_download') });
  await expect(button).toBeDisabled();
  await screenshot(page, testInfo, 'options-export-warning-en');
  await region.getByLabel(msg(en, 'export_confirm')).check();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe(`tweestap-accounts-${localDate(new Date())}.txt`);
  const path = testInfo.outputPath('list.txt');
  await download.saveAs(path);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(accounts.length);
  for (const [i, account] of accounts.entries()) {
    expect(lines[i]).toMatch(/^otpauth:\/\/(totp|hotp)\//);
    expect(lines[i]).toContain(`secret=${account.secret}`);
  }
  await expect(region.getByText('List saved: 3 accounts.', { exact: false })).toBeVisible();
});

test('a locked vault shows one unlock form first; the QR image section works without it', async ({
  context,
  extensionId,
  openPopup,
}, testInfo) => {
  const seed = await openPopup();
  await call(seed, 'vault.add', { account: sampleAccounts()[0]! });
  await call(seed, 'vault.setPassword', { newPassword: 'correct horse battery staple' });
  await call(seed, 'vault.lock');
  const page = await openOptions(context, extensionId, 'dark');
  await expect(page.getByRole('heading', { name: msg(en, 'locked_title') })).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await expect(backupRegion(page)).toHaveCount(0);
  await expect(restoreRegion(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: msg(en, 'options_qr_title') })).toBeVisible();
  await screenshot(page, testInfo, 'options-locked-dark');

  await page.getByLabel('Password', { exact: true }).fill('wrong');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /password/ })).toContainText('not right');
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(backupRegion(page)).toBeVisible({ timeout: 30_000 });
  await expect(restoreRegion(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: msg(en, 'locked_title') })).toHaveCount(0);
  await screenshot(page, testInfo, 'options-unlocked-dark');
});
