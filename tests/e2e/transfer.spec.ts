import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page, TestInfo } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { OtpAccount, StoredAccount } from '../../src/core/account';
import { parseMigrationUri } from '../../src/core/formats/google-migration';
import { parseOtpauthUri } from '../../src/core/otp/uri';
import { findQrCodes } from '../../src/core/qr/index';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { addAccounts, type TestAccount } from './helpers';
import { call, listAccounts, type Messages, messagesFor, msg, randomSecret } from './popup-helpers';

/**
 * "Move to a phone": the accounts leave as Google Authenticator transfer codes, read back here the
 * way a phone would, from the pixels on screen (jsQR, and our own decoder), then parsed.
 */

const TRANSFERABLE: TestAccount[] = [
  ...(
    [
      ['GitHub', 'octocat'],
      ['Google', 'juf.jansen@gmail.com'],
      ['Microsoft', 'j.jansen@school.nl'],
      ['DigiD', 'jjansen'],
      ['Proton', 'jansen@proton.me'],
      ['Dropbox', 'jansen@example.nl'],
      ['Nextcloud', 'j.jansen@cloud.school.nl'],
      ['Magister', 'docent123'],
      ['Somtoday', 'j.jansen'],
      ['AWS', 'root-account'],
      ['Slack', 'team-bovenbouw'],
      ['Zoom', 'j.jansen@school.nl'],
      ['Mijn Overheid', 'Jansen'],
      ['Bitwarden', 'jansen@vault.test'],
      ['Discord', 'jansen_1234'],
      ['Facebook', 'Juf Jansen'],
      ['Amazon', 'j.jansen@example.com'],
    ] as const
  ).map(([issuer, label]) => ({ issuer, label, secret: randomSecret() })),
  { issuer: 'Cloudflare', label: 'admin@school.nl', secret: randomSecret(), algorithm: 'SHA256', digits: 8 },
  { type: 'hotp', issuer: 'Bank', label: 'rekening 1234', secret: randomSecret(), counter: 7 },
  { issuer: '', label: 'wifi-portal@school.nl', secret: randomSecret() },
];

const BY_HAND: TestAccount[] = [
  { type: 'steam', issuer: 'Steam', label: 'gamer', secret: randomSecret(), digits: 5 },
  { issuer: 'Oude VPN', label: 'vpn', secret: randomSecret(), digits: 7 },
  { issuer: 'Kluis', label: 'beheer', secret: randomSecret(), period: 60 },
];

/** The account left out, to show that unchecking counts. */
const UNCHECKED = 'Zoom (j.jansen@school.nl)';

/** As the page names an account (issuer (label)), written out independently of the product. */
const nameOf = (a: Pick<OtpAccount, 'issuer' | 'label'>) =>
  a.issuer && a.label ? `${a.issuer} (${a.label})` : a.issuer || a.label;

/** What a transfer must carry over; the period only for TOTP (Google's app has only 30 s). */
function essence(a: OtpAccount) {
  return {
    type: a.type,
    issuer: a.issuer,
    label: a.label,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }),
  };
}
const byName = (a: { issuer: string; label: string }, b: { issuer: string; label: string }) =>
  nameOf(a).localeCompare(nameOf(b));

/** The QR as the screen shows it, read by jsQR and by our own decoder; both must agree. */
async function readQr(qr: Locator): Promise<string> {
  const png = PNG.sync.read(await qr.screenshot({ animations: 'disabled' }));
  const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  const jsqr = jsQR(data, png.width, png.height)?.data;
  const ours = findQrCodes({ data, width: png.width, height: png.height }).map((hit) => hit.text);
  expect(jsqr, 'jsQR reads the code on screen').toBeTruthy();
  expect(ours, 'our decoder reads the same code').toEqual([jsqr]);
  return jsqr!;
}

/** A full-page screenshot for people to look at, and axe on the page as it is now. */
async function look(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = join(testInfo.project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `transfer-${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

async function openOptions(context: BrowserContext, extensionId: string, scheme: 'light' | 'dark') {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

const sectionOf = (page: Page, m: Messages) => page.getByRole('region', { name: msg(m, 'transfer_title') });
const pageText = (m: Messages, at: number, of: number) =>
  msg(m, 'transfer_page').replace('$1', String(at)).replace('$2', String(of));

test('moves the chosen accounts to a phone, one transfer code at a time', async ({
  context,
  extensionId,
  openPopup,
}, testInfo) => {
  const m = messagesFor('en');
  const seeder = await openPopup();
  await addAccounts(seeder, [...TRANSFERABLE, ...BY_HAND]);
  const stored = await listAccounts(seeder);
  expect(stored).toHaveLength(TRANSFERABLE.length + BY_HAND.length);
  const page = await openOptions(context, extensionId, 'light');
  const section = sectionOf(page, m);
  await expect(section.getByRole('heading', { name: msg(m, 'transfer_title') })).toBeVisible();
  await expect(section.getByText(msg(m, 'transfer_step_scan'))).toBeVisible();

  const boxes = section.getByRole('checkbox');
  await expect(boxes).toHaveCount(TRANSFERABLE.length);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expect(
    section.getByRole('checkbox', { name: nameOf(TRANSFERABLE.at(-1)!), exact: true }),
    'an account without an issuer goes by its own name',
  ).toBeVisible();
  await look(page, testInfo, 'en-light-start');

  // Nothing chosen is said, not sent.
  await section.getByRole('button', { name: msg(m, 'transfer_select_none') }).click();
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();
  await section.getByRole('button', { name: msg(m, 'transfer_show') }).click();
  await expect(section.getByRole('alert').filter({ hasText: /./ })).toHaveText(
    msg(m, 'transfer_none_selected'),
  );
  await section.getByRole('button', { name: msg(m, 'transfer_select_all') }).click();
  for (const box of await boxes.all()) await expect(box).toBeChecked();

  await section.getByRole('checkbox', { name: UNCHECKED, exact: true }).uncheck();
  await expect(
    section.getByText(`${TRANSFERABLE.length - 1} of ${TRANSFERABLE.length} selected`),
  ).toBeVisible();
  await section.getByRole('button', { name: msg(m, 'transfer_show') }).click();

  // What the phone must end up with: every transferable account but the unchecked one.
  const expected = stored
    .filter(
      (a) =>
        a.type !== 'steam' && (a.digits === 6 || a.digits === 8) && (a.type === 'hotp' || a.period === 30),
    )
    .filter((a) => nameOf(a) !== UNCHECKED);
  expect(expected).toHaveLength(TRANSFERABLE.length - 1);

  const status = section.locator('.transfer-page');
  await expect(status).toHaveText(/^1 of \d+$/);
  const pages = Number((await status.textContent())!.split(' of ')[1]);
  expect(pages, 'more than one code, so paging is exercised').toBeGreaterThan(1);
  const qrOn = (at: number) => section.getByRole('img', { name: `Transfer code ${at} of ${pages}` });
  const next = section.getByRole('button', { name: msg(m, 'transfer_next'), exact: true });
  const back = section.getByRole('button', { name: msg(m, 'transfer_back'), exact: true });
  await expect(next, 'the focus moves on to Next').toBeFocused();
  await expect(back).toBeDisabled();

  const received: OtpAccount[] = [];
  let batchId: number | undefined;
  for (let at = 1; at <= pages; at++) {
    await expect(status).toHaveText(pageText(m, at, pages));
    const qr = qrOn(at);
    const size = await qr.boundingBox();
    expect(size!.width, 'big enough for a phone camera').toBeGreaterThanOrEqual(280);
    const payload = parseMigrationUri(await readQr(qr));
    expect(payload).toMatchObject({ version: 1, batchSize: pages, batchIndex: at - 1, skipped: [] });
    expect(payload.batchId).toBeGreaterThan(0);
    batchId ??= payload.batchId;
    expect(payload.batchId, 'one batch id for every code of the transfer').toBe(batchId);
    // The names under the code are the accounts in it.
    await expect(section.locator('.transfer-names li')).toHaveText(payload.accounts.map(nameOf));
    received.push(...payload.accounts);
    await look(page, testInfo, `en-light-code-${at}`);
    if (at === 2) {
      // Back shows the first code again, and Next returns here.
      await back.click();
      await expect(status).toHaveText(pageText(m, 1, pages));
      expect(parseMigrationUri(await readQr(qrOn(1))).batchIndex).toBe(0);
      await expect(next, 'the focus leaves the disabled Back button for Next').toBeFocused();
      await next.click();
      await expect(status).toHaveText(pageText(m, 2, pages));
    }
    if (at < pages) await next.click();
  }
  expect(received.map(essence).sort(byName)).toEqual(expected.map(essence).sort(byName));

  // Done hides the codes and gives the focus back to the button that showed them.
  const done = section.getByRole('button', { name: msg(m, 'transfer_done'), exact: true });
  await expect(done).toBeFocused();
  await done.click();
  await expect(section.getByRole('img')).toHaveCount(0);
  await expect(section.getByRole('button', { name: msg(m, 'transfer_show') })).toBeFocused();
  await expect(section.getByRole('checkbox', { name: UNCHECKED, exact: true })).not.toBeChecked();

  // Hide codes, before the end.
  await section.getByRole('button', { name: msg(m, 'transfer_show') }).click();
  await expect(qrOn(1)).toBeVisible();
  await section.getByRole('button', { name: msg(m, 'transfer_hide') }).click();
  await expect(section.getByRole('img')).toHaveCount(0);

  await checkByHand(page, section, stored, m, testInfo);
  await checkHiddenPage(page, section, m);
});

/** The three Google cannot hold, each with its own setup code, read off the screen. */
async function checkByHand(
  page: Page,
  section: Locator,
  stored: StoredAccount[],
  m: Messages,
  testInfo: TestInfo,
) {
  await expect(section.getByRole('heading', { name: msg(m, 'transfer_by_hand_title') })).toBeVisible();
  await expect(section.getByText(msg(m, 'transfer_by_hand_why'))).toBeVisible();
  const items = section.locator('.transfer-by-hand-item');
  await expect(items).toHaveCount(BY_HAND.length);
  for (const account of BY_HAND) {
    const item = items.filter({ hasText: nameOf(account) });
    await expect(item).toHaveCount(1);
    const storedAccount = stored.find((a) => a.secret === account.secret)!;
    const open = item.getByRole('button', { name: msg(m, 'transfer_setup_show') });
    await expect(open).toHaveAttribute('aria-expanded', 'false');
    await expect(item.getByRole('img')).toHaveCount(0);
    await open.click();
    const qr = item.getByRole('img', { name: `Setup code for ${nameOf(account)}` });
    await expect(qr).toBeVisible();
    expect(essence(parseOtpauthUri(await readQr(qr)))).toEqual(essence(storedAccount));
    await expect(item.locator('.transfer-key')).toHaveText(storedAccount.secret.match(/.{1,4}/g)!.join(' '));
    await look(page, testInfo, `en-light-by-hand-${account.issuer.replace(/\W/g, '')}`);
    const close = item.getByRole('button', { name: msg(m, 'transfer_setup_hide') });
    await expect(close).toHaveAttribute('aria-expanded', 'true');
    await close.click();
    await expect(item.getByRole('img')).toHaveCount(0);
  }
  // None of them was put in a transfer code.
  await expect(section.getByRole('checkbox', { name: nameOf(BY_HAND[0]!) })).toHaveCount(0);
}

/** A hidden page (another tab, a locked screen) hides the transfer codes and any setup code. */
async function checkHiddenPage(page: Page, section: Locator, m: Messages) {
  await section.getByRole('button', { name: msg(m, 'transfer_show') }).click();
  const item = section.locator('.transfer-by-hand-item').first();
  await item.getByRole('button', { name: msg(m, 'transfer_setup_show') }).click();
  await expect(section.getByRole('img')).toHaveCount(2);
  // Headless Chromium never hides a page (another tab, minimising and freezing all leave it
  // "visible"), so the page is told what the browser would tell it.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(section.getByRole('img')).toHaveCount(0);
}

test('says so when the vault locked meanwhile, and shows nothing', async ({
  context,
  extensionId,
  openPopup,
}) => {
  const m = messagesFor('en');
  const seeder = await openPopup();
  await addAccounts(seeder, TRANSFERABLE.slice(0, 3));
  const password = 'correct horse battery staple';
  await call(seeder, 'vault.setPassword', { newPassword: password });
  const page = await openOptions(context, extensionId, 'light');
  const section = sectionOf(page, m);
  await expect(section.getByRole('checkbox')).toHaveCount(3);
  // Auto-lock, or the popup's Lock, while the page is open.
  await call(seeder, 'vault.lock');
  await section.getByRole('button', { name: msg(m, 'transfer_show') }).click();
  // The section says so, or the page puts its unlock form in the section's place.
  await expect(
    section
      .getByText(msg(m, 'transfer_locked'))
      .or(page.getByRole('heading', { name: msg(m, 'locked_title') }))
      .first(),
  ).toBeVisible();
  await expect(page.locator('.transfer-codes')).toHaveCount(0);
  await expect(page.locator('.qr-code')).toHaveCount(0);
  await call(seeder, 'vault.unlock', { password });
  await page.reload();
  await expect(section.getByRole('checkbox')).toHaveCount(3);
});

for (const [lang, scheme] of [
  ['en', 'dark'],
  ['nl', 'light'],
  ['nl', 'dark'],
] as const) {
  test.describe(`${lang} ${scheme}`, () => {
    test.use({ browserLang: lang, scheme });

    test(`screenshots of the transfer (${lang}, ${scheme})`, async ({
      context,
      extensionId,
      openPopup,
    }, testInfo) => {
      const m = messagesFor(lang);
      const seeder = await openPopup();
      await addAccounts(seeder, [...TRANSFERABLE.slice(0, 12), ...BY_HAND]);
      const page = await openOptions(context, extensionId, scheme);
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        scheme === 'dark',
      );
      const section = sectionOf(page, m);
      await expect(section.getByRole('checkbox')).toHaveCount(12);
      await look(page, testInfo, `${lang}-${scheme}-start`);
      await section.getByRole('button', { name: msg(m, 'transfer_show') }).click();
      const qr = section.getByRole('img', { name: /\d/ });
      await expect(qr).toBeVisible();
      const payload = parseMigrationUri(await readQr(qr));
      expect(payload.batchIndex).toBe(0);
      await expect(section.locator('.transfer-page')).toHaveText(pageText(m, 1, payload.batchSize));
      await look(page, testInfo, `${lang}-${scheme}-code`);
      await section.getByRole('button', { name: msg(m, 'transfer_hide') }).click();
      const steam = section.locator('.transfer-by-hand-item').filter({ hasText: 'Steam' });
      await steam.getByRole('button', { name: msg(m, 'transfer_setup_show') }).click();
      await expect(steam.getByRole('img')).toBeVisible();
      await look(page, testInfo, `${lang}-${scheme}-by-hand`);
    });
  });
}
