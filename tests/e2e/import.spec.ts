import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import QRCode from 'qrcode';
import type { OtpAccount, StoredAccount } from '../../src/core/account';
import { transferBatches } from '../../src/core/formats/google-migration';
import { aegisDb, aegisEncryptedFile, otpauthLink } from '../support/export-files';
import { expect, test } from './fixtures';
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

const en = messagesFor('en');
const nl = messagesFor('nl');
const AEGIS_PASSWORD = 'paard batterij nietje';

/** chrome.i18n's $1…$9, for comparing with what the page shows. */
const fill = (text: string, ...values: string[]) =>
  values.reduce((out, value, i) => out.replaceAll(`$${i + 1}`, value), text);

const totp = (issuer: string, label: string, extra: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer,
  label,
  secret: randomSecret(),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...extra,
});

async function openOptions(context: BrowserContext, extensionId: string, scheme: 'light' | 'dark' = 'light') {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 1400 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

const importRegion = (page: Page, messages = en) =>
  page.getByRole('region', { name: msg(messages, 'restore_title') });

async function chooseFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await importRegion(page).getByLabel('Choose a file', { exact: true }).setInputFiles(file);
}

async function continueWith(page: Page) {
  await importRegion(page).getByRole('button', { name: 'Continue' }).click();
}

/**
 * Milliseconds from the click on Continue until `answer` shows, and the longest task the page ran
 * meanwhile (how long it could not paint or take a click).
 */
async function timeToAnswer(page: Page, answer: () => Promise<void>): Promise<string> {
  await page.evaluate(() => {
    const w = window as unknown as { longest: number; watching?: boolean };
    w.longest = 0;
    if (w.watching) return;
    w.watching = true;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  const started = Date.now();
  await continueWith(page);
  await answer();
  const ms = Date.now() - started;
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  return `${ms} ms (longest task ${Math.round(longest)} ms)`;
}

test('an encrypted Aegis export: its password, the preview with what is left out, the import, and the codes in the popup', async ({
  context,
  extensionId,
  openPopup,
}, testInfo) => {
  // Aegis's own scrypt cost runs twice in the page (a wrong try, then the right one).
  test.setTimeout(120_000);
  const mail = totp('Schoolmail', 'juf.anna@school.test');
  const roster = totp('Rooster', 'planning@zorg.test', { algorithm: 'SHA256', digits: 8, period: 60 });
  const token = totp('Zorgdossier', 'verpleging', { type: 'hotp', counter: 5 });
  const here = totp('Al hier', 'bestaand@school.test');
  const seed = await openPopup();
  await call(seed, 'vault.add', { account: here });
  await seed.close();

  // Aegis also keeps Yandex and mOTP entries: not codes Tweestap makes, so they are left out and said.
  const yandex = {
    type: 'yandex',
    name: 'oud',
    issuer: 'Yandex',
    info: { secret: randomSecret(), algo: 'SHA256', digits: 8, pin: '1234' },
  };
  const file = testInfo.outputPath('aegis-export.json');
  writeFileSync(
    file,
    await aegisEncryptedFile(aegisDb([mail, roster, token, here], [yandex]), AEGIS_PASSWORD),
  );

  const page = await openOptions(context, extensionId);
  const region = importRegion(page);
  await expect(region.getByLabel('Paste text', { exact: true })).toBeVisible();
  await screenshot(page, testInfo, 'import-choose-en');
  await chooseFile(page, file);
  await continueWith(page);
  await expect(region.getByText('This is an encrypted Aegis backup. Enter its password.')).toBeVisible();
  const password = region.getByLabel('Backup password', { exact: true });
  await expect(password).toBeFocused();
  await screenshot(page, testInfo, 'import-password-en');

  await password.fill('not the password');
  await region.getByRole('button', { name: 'Unlock' }).click();
  const wrong = fill(msg(en, 'import_error_wrong_password'), 'Aegis');
  await expect(region.getByRole('alert')).toHaveText(wrong, { timeout: 60_000 });
  await expect(region.getByRole('alert')).toContainText('Aegis');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'import-wrong-password-en');

  await password.fill(AEGIS_PASSWORD);
  await region.getByRole('button', { name: 'Unlock' }).click();
  const list = region.getByRole('list', { name: msg(en, 'restore_list_label') });
  await expect(list.getByRole('listitem')).toHaveCount(4, { timeout: 60_000 });
  for (const [i, status] of ['New', 'New', 'New', 'Already in Tweestap'].entries())
    await expect(list.getByRole('listitem').nth(i)).toContainText(status);
  await expect(list.getByRole('listitem').nth(2)).toContainText(msg(en, 'type_hotp'));
  await expect(region.getByText('3 new, 1 already in Tweestap, 0 changed')).toBeVisible();
  await expect(region.getByText('Read as: Aegis')).toBeVisible();
  const skipped = region.getByRole('region', { name: msg(en, 'import_skipped_title') });
  await expect(skipped).toContainText(`Yandex (oud): ${msg(en, 'import_skip_unsupported_type')}`);
  await expect(region.getByRole('checkbox')).toHaveCount(3);
  expect(await listAccounts(page)).toHaveLength(1);
  await screenshot(page, testInfo, 'import-preview-en');

  await region.getByRole('button', { name: 'Import all' }).click();
  await expect(region.getByText(/Imported \d+ accounts?/)).toHaveText('Imported 3 accounts');
  await expect(
    region.getByText('3 new, 0 completed with what was missing, 1 already in Tweestap.'),
  ).toBeVisible();
  await screenshot(page, testInfo, 'import-done-en');

  // The popup opens from here where the browser allows it; otherwise the page points at the icon.
  await region.getByRole('button', { name: 'Open Tweestap' }).click();
  const hint = region.getByText(msg(en, 'restore_done_popup'));
  // The real popup is no Playwright page: it shows as a CDP target.
  const cdp = await context.browser()!.newBrowserCDPSession();
  const popupOpen = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.some((target) => target.type === 'page' && target.url.endsWith('/popup.html'));
  };
  await expect
    .poll(async () => (await popupOpen()) || (await hint.isVisible()), { timeout: 10_000 })
    .toBe(true);
  testInfo.annotations.push({
    type: 'open popup',
    description: (await popupOpen()) ? 'chrome.action.openPopup opened it' : 'refused: the hint is shown',
  });

  const stored = await listAccounts(page);
  expect(stored.map((a) => a.secret).sort()).toEqual([mail, roster, token, here].map((a) => a.secret).sort());

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expectLiveCode(rowFor(popup, mail.issuer, mail.label), (now) => oathtoolTotpWith(mail.secret, now));
  await expectLiveCode(
    rowFor(popup, roster.issuer, roster.label),
    (now) => oathtoolTotpWith(roster.secret, now, { algorithm: 'SHA256', digits: 8, period: 60 }),
    60,
  );
  expect(await shownCode(rowFor(popup, token.issuer, token.label))).toBe(oathtoolHotp(token.secret, 5));
});

test('a Google Authenticator transfer in 4 codes, pasted as text, brings in every account', async ({
  context,
  extensionId,
}, testInfo) => {
  const accounts = Array.from({ length: 30 }, (_, i) =>
    totp(`Dienst ${i + 1}`, `gebruiker${i + 1}@school.test`),
  );
  const { batches } = transferBatches(accounts);
  expect(batches).toHaveLength(4);
  const page = await openOptions(context, extensionId);
  const region = importRegion(page);

  // Three of the four: what is missing is said before anything is read.
  const paste = region.getByLabel('Paste text', { exact: true });
  await paste.fill(
    batches
      .slice(0, 3)
      .map((batch) => batch.uri)
      .join('\n'),
  );
  await continueWith(page);
  await expect(region.getByText('3 of 4 read, 1 missing')).toBeVisible();
  await expect(region.getByText('Still to add: code 4')).toBeVisible();
  await screenshot(page, testInfo, 'import-transfer-missing-en');
  // A code of another, older export does not fill the gap, and is said to be from elsewhere.
  const other = transferBatches([totp('Ander', 'oud'), totp('Nog een', 'oud')], { perBatch: 1 }).batches[0]!;
  await region
    .getByLabel(msg(en, 'import_transfer_add'), { exact: true })
    .setInputFiles(await qrPng(other.uri, 'other.png'));
  await expect(region.getByRole('alert')).toHaveText(msg(en, 'import_transfer_other'), { timeout: 30_000 });
  await expect(region.getByText('3 of 4 read, 1 missing')).toBeVisible();
  await expect(region.getByText('1 of 2 read, 1 missing')).toBeVisible();
  await region.getByRole('button', { name: msg(en, 'restore_other_file') }).click();

  await paste.fill(batches.map((batch) => batch.uri).join('\n'));
  await continueWith(page);
  const list = region.getByRole('list', { name: msg(en, 'restore_list_label') });
  await expect(list.getByRole('listitem')).toHaveCount(30);
  await expect(region.getByText('30 new, 0 already in Tweestap, 0 changed')).toBeVisible();
  await expect(region.getByRole('heading', { name: msg(en, 'import_preview_pasted') })).toBeVisible();
  await region.getByRole('button', { name: 'Import all' }).click();
  await expect(region.getByText(/Imported \d+ accounts?/)).toHaveText('Imported 30 accounts');
  const stored = await listAccounts(page);
  expect(stored.map((a) => [a.issuer, a.label, a.secret])).toEqual(
    accounts.map((a) => [a.issuer, a.label, a.secret]),
  );
});

async function qrPng(text: string, name: string) {
  return {
    name,
    mimeType: 'image/png',
    buffer: await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 }),
  };
}

test('pictures of transfer codes, one at a time, from the QR image section too; some rows left out', async ({
  context,
  extensionId,
}, testInfo) => {
  const accounts = Array.from({ length: 20 }, (_, i) => totp(`App ${i + 1}`, `naam${i + 1}`));
  const { batches } = transferBatches(accounts);
  expect(batches).toHaveLength(3);
  const images = await Promise.all(batches.map((batch, i) => qrPng(batch.uri, `transfer-${i + 1}.png`)));
  const page = await openOptions(context, extensionId);

  // The QR image section hands a transfer code to the import, which takes over the page.
  const qrSection = page.getByRole('region', { name: msg(en, 'options_qr_title') });
  await qrSection.locator('input[type="file"]').setInputFiles(images[0]!);
  const region = importRegion(page);
  await expect(region.getByText('1 of 3 read, 2 missing')).toBeVisible({ timeout: 30_000 });
  await expect(region.getByText('Still to add: code 2, 3')).toBeVisible();
  await expect(qrSection).toHaveCount(0);

  await region.getByLabel(msg(en, 'import_transfer_add'), { exact: true }).setInputFiles(images[2]!);
  await expect(region.getByText('2 of 3 read, 1 missing')).toBeVisible({ timeout: 30_000 });
  await expect(region.getByText('Still to add: code 2')).toBeVisible();
  await screenshot(page, testInfo, 'import-transfer-images-en');
  await region.getByLabel(msg(en, 'import_transfer_add'), { exact: true }).setInputFiles(images[1]!);

  const list = region.getByRole('list', { name: msg(en, 'restore_list_label') });
  await expect(list.getByRole('listitem')).toHaveCount(20, { timeout: 30_000 });
  await expect(region.getByRole('button', { name: 'Import all' })).toBeEnabled();
  await region.getByRole('checkbox', { name: 'Import App 2, naam2' }).uncheck();
  await region.getByRole('checkbox', { name: 'Import App 5, naam5' }).uncheck();
  await expect(region.getByRole('button', { name: 'Import selected (18)' })).toBeVisible();
  await screenshot(page, testInfo, 'import-selected-en');
  await region.getByRole('button', { name: 'Import selected (18)' }).click();
  await expect(region.getByText(/Imported \d+ accounts?/)).toHaveText('Imported 18 accounts');
  const stored = (await listAccounts(page)).map((a: StoredAccount) => a.issuer);
  expect(stored).toHaveLength(18);
  expect(stored).not.toContain('App 2');
  expect(stored).not.toContain('App 5');

  // A picture of a single account's QR, chosen as the file: read by its bytes, whatever its name.
  await region.getByRole('button', { name: msg(en, 'done') }).click();
  const single = totp('Foto', 'een@school.test');
  await chooseFile(page, await qrPng(otpauthLink(single), 'scan.bin'));
  await continueWith(page);
  await expect(list.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
  await expect(list).toContainText('Foto');
});

/** A ZIP whose one entry inflates to 1 GiB of zeros, from about 1 MB: recognised by its first bytes. */
function zipBomb(): Buffer {
  const inflated = 1024 * 1024 * 1024;
  const chunk = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const name = Buffer.from('bomb.txt');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(chunk.length, 18);
  header.writeUInt32LE(inflated >>> 0, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, chunk]);
}

test('bad lines are named by number, an unknown file lists the apps we read, and no file holds the page up', async ({
  context,
  extensionId,
}, testInfo) => {
  test.setTimeout(120_000);
  const page = await openOptions(context, extensionId);
  const region = importRegion(page);
  const good = [totp('Eerste', 'een'), totp('Tweede', 'twee')];

  const listFile = testInfo.outputPath('links.txt');
  writeFileSync(
    listFile,
    [
      otpauthLink(good[0]!),
      'otpauth://totp/Kapot?secret=!!!',
      'mijn boodschappenlijst: prose is passed over',
      otpauthLink(good[1]!),
      'otpauth:broken',
      '# a comment',
    ].join('\n'),
  );
  await chooseFile(page, listFile);
  await continueWith(page);
  const list = region.getByRole('list', { name: msg(en, 'restore_list_label') });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(region).toContainText(`Line 2: ${msg(en, 'import_skip_bad_line')}`);
  await expect(region).toContainText('Line 5:');
  await expect(region.getByText(fill(msg(en, 'import_skipped_count'), '2'))).toBeVisible();
  await screenshot(page, testInfo, 'import-bad-lines-en');
  await region.getByRole('button', { name: msg(en, 'cancel') }).click();

  const alert = region.getByRole('alert');
  const notes = testInfo.outputPath('notes.txt');
  writeFileSync(notes, 'My shopping list\nbread\nmilk\n');
  await chooseFile(page, notes);
  await continueWith(page);
  await expect(alert).toContainText("Tweestap can't read this file.");
  await expect(alert).toContainText('Tweestap reads exports from: ');
  for (const app of ['Aegis', '2FAS', 'Bitwarden', 'Google Authenticator', 'Tweestap'])
    await expect(alert).toContainText(app);
  await screenshot(page, testInfo, 'import-unknown-en');

  // Over 20 MB: refused from its size, before it is read.
  const big = testInfo.outputPath('big.bin');
  writeFileSync(big, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41));
  await chooseFile(page, big);
  const tooBig = await timeToAnswer(page, () => expect(alert).toHaveText(msg(en, 'import_too_big')));

  const bomb = testInfo.outputPath('bomb.zip');
  writeFileSync(bomb, zipBomb());
  await chooseFile(page, bomb);
  const zip = await timeToAnswer(page, () => expect(alert).toContainText(msg(en, 'import_howto_zip')));

  // 10 MB of text nobody reads, and 10 MB of random bytes (which andOTP's signature-less
  // encrypted backups look like): either way an answer.
  const junkText = testInfo.outputPath('junk.txt');
  writeFileSync(junkText, 'lorem ipsum dolor sit amet\n'.repeat(Math.ceil((10 * 1024 * 1024) / 27)));
  await chooseFile(page, junkText);
  const text = await timeToAnswer(page, () => expect(alert).toContainText("Tweestap can't read this file."));

  const junkBytes = testInfo.outputPath('junk.bin');
  writeFileSync(junkBytes, randomBytes(10 * 1024 * 1024));
  await chooseFile(page, junkBytes);
  const password = region.getByLabel('Backup password', { exact: true });
  const bytes = await timeToAnswer(page, () =>
    expect(async () => {
      const answered =
        (await password.isVisible()) || ((await alert.first().textContent()) ?? '').trim() !== '';
      expect(answered).toBe(true);
    }).toPass({ intervals: [50, 100, 250] }),
  );
  const answer = (await password.isVisible())
    ? 'asks for a password (andOTP)'
    : await alert.first().textContent();
  const figures = `over 20 MB: ${tooBig}; zip bomb: ${zip}; 10 MB text: ${text}; 10 MB random: ${bytes}, ${answer}`;
  testInfo.annotations.push({ type: 'time to answer', description: figures });
  console.info(`[import] ${figures}`);
  expect(await listAccounts(page)).toEqual([]);
});

for (const [lang, messages, scheme] of [
  ['nl', nl, 'light'],
  ['en', en, 'dark'],
] as const) {
  test.describe(`${lang} ${scheme}`, () => {
    test.use({ browserLang: lang, scheme });

    test(`the import steps read well in ${lang}, ${scheme}`, async ({
      context,
      extensionId,
    }, testInfo: TestInfo) => {
      test.setTimeout(120_000);
      const page = await openOptions(context, extensionId, scheme);
      const region = importRegion(page, messages);
      const name = `${lang}-${scheme}`;
      await expect(region.getByLabel(msg(messages, 'import_paste_label'), { exact: true })).toBeVisible();
      await screenshot(page, testInfo, `import-choose-${name}`);

      const file = testInfo.outputPath('aegis.json');
      const accounts = [
        totp('Schoolmail', 'anna'),
        totp('Rooster', 'planning', { type: 'hotp', counter: 2 }),
      ];
      const yandex = {
        type: 'yandex',
        name: 'oud',
        issuer: 'Yandex',
        info: { secret: randomSecret(), pin: '1234' },
      };
      writeFileSync(
        file,
        await aegisEncryptedFile(aegisDb(accounts, [yandex]), AEGIS_PASSWORD, { n: 1024, r: 8, p: 1 }),
      );
      await region.getByLabel(msg(messages, 'options_choose'), { exact: true }).setInputFiles(file);
      await region.getByRole('button', { name: msg(messages, 'restore_continue') }).click();
      await expect(region.getByText(fill(msg(messages, 'import_password_for'), 'Aegis'))).toBeVisible();
      const password = region.getByLabel(msg(messages, 'backup_password'), { exact: true });
      await password.fill('fout');
      await region.getByRole('button', { name: msg(messages, 'unlock') }).click();
      await expect(region.getByRole('alert')).toHaveText(
        fill(msg(messages, 'import_error_wrong_password'), 'Aegis'),
        {
          timeout: 30_000,
        },
      );
      await screenshot(page, testInfo, `import-password-${name}`);
      await password.fill(AEGIS_PASSWORD);
      await region.getByRole('button', { name: msg(messages, 'unlock') }).click();
      await expect(
        region.getByRole('list', { name: msg(messages, 'restore_list_label') }).getByRole('listitem'),
      ).toHaveCount(2, { timeout: 30_000 });
      await screenshot(page, testInfo, `import-preview-${name}`);
      await region.getByRole('button', { name: msg(messages, 'restore_import_all') }).click();
      await expect(
        region.getByRole('heading', { name: fill(msg(messages, 'restore_done'), '2') }),
      ).toBeVisible();
      await screenshot(page, testInfo, `import-done-${name}`);
    });
  });
}
