import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page, TestInfo } from '@playwright/test';
import QRCode from 'qrcode';
import type { NewAccount } from '../../src/core/account';
import { transferBatches } from '../../src/core/formats/google-migration';
import { axeViolations } from './axe';
import { sendFromPage } from './helpers';
import { expect, type ManagedPolicy, test } from './policy-fixtures';
import { call, type Messages, messagesFor, msg, randomSecret } from './popup-helpers';

/**
 * The options page under an organisation's policy, in a real Chromium reading a real policy file:
 * the "Organisation policy" section, the sections the policy turns off (said before any click), and
 * the worker refusing the same requests when a page asks anyway.
 */

const en = messagesFor('en');
const nl = messagesFor('nl');
const HELP_URL = 'https://help.school.test/tweestap';
const CONTACT = 'ICT servicedesk, 030 123 4567';
const BACKUP_PASSWORD = 'paard batterij nietje correct';

const account = (issuer: string, sites: string[]): NewAccount => ({
  type: 'totp',
  issuer,
  label: `${issuer.toLowerCase()}@school.test`,
  secret: randomSecret(),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  sites,
});

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 1400 });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

const region = (page: Page, m: Messages, key: string) => page.getByRole('region', { name: msg(m, key) });
const policySection = (page: Page, m: Messages = en) => region(page, m, 'options_policy_title');

/** The worker's answer to a request a page sends anyway: refused, naming the key. */
async function expectRefused(
  page: Page,
  name: Parameters<typeof sendFromPage>[1],
  request: object,
  key: string,
) {
  const answer = await sendFromPage(page, name, request as never);
  expect(answer, name).toEqual({ ok: false, error: { code: 'policy-forbidden', message: key } });
}

/** The section and the whole page as pictures to look at, light and dark, with axe on each. */
async function look(page: Page, testInfo: TestInfo, name: string, m: Messages): Promise<void> {
  const dir = join(testInfo.project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [what, shot] of [
      ['section', (path: string) => policySection(page, m).screenshot({ path, animations: 'disabled' })],
      ['page', (path: string) => page.screenshot({ path, fullPage: true, animations: 'disabled' })],
    ] as const) {
      const path = join(dir, `options-policy-${name}-${scheme}-${what}.png`);
      await shot(path);
      await testInfo.attach(`${name}-${scheme}-${what}`, { path, contentType: 'image/png' });
    }
    expect(await axeViolations(page), `axe on ${name}, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The reason a section shows in place of its controls: the text, the key, the help link. */
async function expectReason(section: Locator, text: string, key: string) {
  const reason = section.locator('.policy-reason');
  await expect(reason).toContainText(text);
  await expect(reason.locator('code')).toHaveText(key);
  await expect(reason.getByRole('link', { name: msg(en, 'options_policy_help') })).toHaveAttribute(
    'href',
    HELP_URL,
  );
}

/**
 * Its bad value must pass Chromium's own check of managed_schema.json: Chromium drops a value the
 * schema refuses (autoLockMinutes: -5) before the extension sees it, so only our parser's own
 * checks (a domain, a regular expression) can reach the page.
 */
const FIRST: ManagedPolicy = {
  disablePlainExport: true,
  disableImport: true,
  allowedSites: ['school.test', 'elsewhere.test', 'https://bad.test/login'],
  helpUrl: HELP_URL,
};

const SECOND: ManagedPolicy = {
  autoLockMinutes: 5,
  clipboardClearSeconds: 20,
  allowedSites: ['school.test', 'mail.school.test'],
  helpUrl: HELP_URL,
  supportContact: CONTACT,
  disableExport: true,
  passwordPattern: '(',
};

test.describe('in English', () => {
  test.use({ policy: FIRST });

  test('the page follows the policy, and follows it again each time it changes', async ({
    context,
    extensionId,
    setPolicy,
  }, testInfo) => {
    // Three policy changes (each 8-15 s for Chromium to apply) and two Argon2id runs at full cost.
    test.setTimeout(300_000);
    const page = await openOptions(context, extensionId);
    for (const seed of [account('Schoolportaal', ['school.test']), account('Elders', ['elsewhere.test'])])
      await call(page, 'vault.add', { account: seed });

    // disablePlainExport + disableImport, and one bad value.
    const section = policySection(page);
    await expect(section.getByRole('heading', { name: 'Organisation policy', exact: true })).toBeVisible();
    await expect(page.locator('main > section').first()).toHaveAttribute('id', 'policy');
    await expect(section).toContainText('organisation');
    await expect(section).toContainText('Backups must be protected with a password.');
    await expect(section).toContainText('Your organisation does not allow importing accounts.');
    const ignored = section.locator('.policy-ignored');
    await expect(ignored.getByRole('heading', { name: 'Ignored settings' })).toBeVisible();
    await expect(ignored.getByRole('listitem')).toHaveText([
      'allowedSites: "https://bad.test/login" is not a domain (write it as example.org); ignored',
    ]);
    // The good part of the list is in force, without the bad entry.
    await expect(section).toContainText(
      'You can only use Tweestap for these sites: school.test, elsewhere.test.',
    );

    const backup = region(page, en, 'backup_title');
    await expect(backup.getByLabel('Backup password', { exact: true })).toBeVisible();
    await expect(backup.getByRole('button', { name: 'Save backup' })).toBeEnabled();
    await expectReason(backup, msg(en, 'options_policy_list_off'), 'disablePlainExport');
    await expect(backup.getByRole('button', { name: msg(en, 'export_download') })).toHaveCount(0);
    const transfer = region(page, en, 'transfer_title');
    await expectReason(transfer, msg(en, 'options_policy_transfer_plain_off'), 'disablePlainExport');
    await expect(transfer.getByRole('button', { name: msg(en, 'transfer_show') })).toHaveCount(0);
    await expect(transfer.getByRole('checkbox')).toHaveCount(0);
    const restore = region(page, en, 'restore_title');
    await expectReason(restore, msg(en, 'options_policy_import_off'), 'disableImport');
    await expect(restore.getByLabel('Choose a file', { exact: true })).toHaveCount(0);
    await expect(restore.getByRole('button', { name: 'Continue' })).toHaveCount(0);
    // A picture of one account's QR is adding, as a scan is; a transfer code is a whole export.
    const qrSection = region(page, en, 'options_qr_title');
    const [batch] = transferBatches([account('Overzet', [])]).batches;
    await qrSection.locator('input[type="file"]').setInputFiles({
      name: 'transfer.png',
      mimeType: 'image/png',
      buffer: await QRCode.toBuffer(batch!.uri, { type: 'png', margin: 4, scale: 4 }),
    });
    await expectReason(qrSection, msg(en, 'options_policy_image_transfer_off'), 'disableImport');
    await expect(qrSection.getByText(msg(en, 'import_migration_locked'))).toHaveCount(0);
    expect(await axeViolations(page), 'axe, first policy').toEqual([]);

    // The encrypted backup still works, the page's way.
    await backup.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
    await backup.getByLabel('Confirm backup password').fill(BACKUP_PASSWORD);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      backup.getByRole('button', { name: 'Save backup' }).click(),
    ]);
    const file = testInfo.outputPath('under-policy.tweestap');
    await download.saveAs(file);
    await expect(backup.getByRole('status').first()).toContainText('Backup saved: 2 accounts');
    // A page that asks anyway is refused by the worker, naming the key.
    await expectRefused(page, 'backup.export', {}, 'disablePlainExport');
    await expectRefused(page, 'import.preview', { accounts: [account('Nieuw', [])] }, 'disableImport');

    // A stricter policy arrives while the page is open.
    await setPolicy(SECOND);
    await expect(section).toContainText('Tweestap locks after at most 5 minutes without use.');
    await expect(section).toContainText('after at most 20 seconds');
    await expect(section).toContainText(
      'You can only use Tweestap for these sites: school.test, mail.school.test.',
    );
    await expect(section).toContainText('Your organisation does not allow taking accounts out of Tweestap.');
    await expect(section).not.toContainText('importing');
    const autoLock = section.locator('.policy-lines li').filter({ hasText: '5 minutes' });
    await expect(autoLock.locator('code')).toHaveText('autoLockMinutes');
    const help = section.getByRole('link', { name: HELP_URL });
    await expect(help).toHaveAttribute('href', HELP_URL);
    await expect(section).toContainText(`Questions? Contact ${CONTACT}.`);
    await expect(ignored.getByRole('listitem')).toHaveCount(1);
    await expect(ignored.getByRole('listitem')).toContainText(
      /^passwordPattern: not a valid regular expression.*; ignored$/,
    );

    await expectReason(backup, msg(en, 'options_policy_backup_off'), 'disableExport');
    await expect(backup.getByRole('button', { name: 'Save backup' })).toHaveCount(0);
    await expect(page.getByLabel('Backup password', { exact: true })).toHaveCount(0);
    await expectReason(transfer, msg(en, 'options_policy_transfer_off'), 'disableExport');
    await expectRefused(page, 'backup.create', { password: BACKUP_PASSWORD }, 'disableExport');
    await expectRefused(page, 'backup.export', {}, 'disableExport');
    await expectRefused(
      page,
      'import.preview',
      { accounts: [account('Elders 2', ['elsewhere.test'])] },
      'allowedSites',
    );
    await look(page, testInfo, 'en', en);

    // Import is back, but the backup holds an account for a site outside the list: the worker's
    // refusal, which the page could not foresee, says who refused and where to ask.
    await restore.getByLabel('Choose a file', { exact: true }).setInputFiles(file);
    await restore.getByRole('button', { name: 'Continue' }).click();
    await restore.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
    await restore.getByRole('button', { name: 'Unlock' }).click();
    const refusal = restore.getByRole('alert').filter({ hasText: msg(en, 'error_policy_forbidden') });
    await expect(refusal).toBeVisible({ timeout: 120_000 });
    await expect(refusal.locator('code')).toHaveText('allowedSites');
    await expect(refusal.getByRole('link', { name: msg(en, 'options_policy_help') })).toHaveAttribute(
      'href',
      HELP_URL,
    );
    expect(await axeViolations(page), 'axe on the refused restore').toEqual([]);
    await restore.getByRole('button', { name: msg(en, 'restore_other_file') }).click();

    // The policy is withdrawn: no section, everything back.
    await setPolicy({});
    await expect(section).toHaveCount(0);
    await expect(page.locator('.policy-reason')).toHaveCount(0);
    await expect(backup.getByRole('button', { name: 'Save backup' })).toBeVisible();
    await expect(backup.locator('summary', { hasText: msg(en, 'export_title') })).toBeVisible();
    await expect(transfer.getByRole('button', { name: msg(en, 'transfer_show') })).toBeVisible();
    await expect(restore.getByLabel('Choose a file', { exact: true })).toHaveCount(1);
  });
});

test.describe('in Dutch, with a password required', () => {
  test.use({
    browserLang: 'nl',
    policy: {
      requirePassword: true,
      autoLockMinutes: 5,
      clipboardClearSeconds: 30,
      allowedSites: ['school.test'],
      helpUrl: HELP_URL,
      supportContact: CONTACT,
      passwordPattern: '(',
    },
  });

  test('says where the password is set, in place of sections that would all fail', async ({
    context,
    extensionId,
  }, testInfo) => {
    test.setTimeout(180_000);
    const page = await openOptions(context, extensionId);
    const section = policySection(page, nl);
    await expect(section.getByRole('heading', { name: 'Beleid van je organisatie' })).toBeVisible();
    await expect(section).toContainText('organisatie');
    await expect(section).toContainText('Tweestap vergrendelt na hooguit 5 minuten zonder gebruik.');
    await expect(section).toContainText('na hooguit 30 seconden');
    await expect(section).toContainText('Je organisatie verplicht een wachtwoord.');
    await expect(section.getByRole('link', { name: HELP_URL })).toHaveAttribute('href', HELP_URL);
    const ignored = section.locator('.policy-ignored');
    await expect(ignored.getByRole('heading', { name: 'Genegeerde instellingen' })).toBeVisible();
    // For the admin, as parse.ts wrote it, and marked as English for screen readers.
    await expect(ignored.getByRole('listitem')).toContainText(
      /^passwordPattern: not a valid regular expression/,
    );
    await expect(ignored.locator('li span[lang="en"]')).toHaveCount(1);

    const required = region(page, nl, 'options_password_required_title');
    await expect(required).toContainText(msg(nl, 'password_set'));
    for (const key of ['options_qr_title', 'restore_title', 'backup_title', 'transfer_title'])
      await expect(region(page, nl, key), key).toHaveCount(0);
    expect((await call<{ passwordRequired?: boolean }>(page, 'vault.status')).passwordRequired).toBe(true);
    await expectRefused(page, 'backup.create', { password: BACKUP_PASSWORD }, 'requirePassword');
    await expectRefused(page, 'backup.export', {}, 'requirePassword');
    await expectRefused(page, 'import.preview', { accounts: [account('Nieuw', [])] }, 'requirePassword');
    await look(page, testInfo, 'nl', nl);

    // Set in the popup, over the page; back on the page, its sections are there.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await call(popup, 'vault.setPassword', { newPassword: 'een lang genoeg wachtwoord' });
    await popup.close();
    // When the real popup closes, the page's window gets the focus back; headless Chromium has no
    // window focus to give, so the event the browser would send is sent here.
    await page.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));
    await expect(region(page, nl, 'backup_title')).toBeVisible({ timeout: 30_000 });
    await expect(required).toHaveCount(0);
    await expect(section).toBeVisible();
  });
});
