import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { StoredAccount } from '../../src/core/account';
import { formatOtpauthUri, parseOtpauthUri } from '../../src/core/otp';
import { expect, test } from './fixtures';
import { sendFromPage, type TestAccount } from './helpers';
import {
  call,
  grantClipboard,
  listAccounts,
  popupWith,
  randomSecret,
  readClipboard,
  rowFor,
  screenshot,
} from './popup-helpers';

const PASSWORD = 'correct horse battery staple';
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

const qrOf = (page: Page) => page.getByRole('img', { name: /^Setup QR code for / });
const keyOf = (page: Page) => page.getByTestId('setup-key');

async function openSetup(page: Page, issuer: string): Promise<void> {
  await page.getByRole('button', { name: `More options for ${issuer}` }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Set up another device' }).click();
  await expect(page.getByRole('heading', { name: 'Set up another device' })).toBeVisible();
}

/** Before the click, the screen explains and holds nothing secret. */
async function expectNothingSecret(page: Page, secret: string): Promise<void> {
  await expect(qrOf(page)).toHaveCount(0);
  await expect(keyOf(page)).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain(secret);
  expect(html).not.toContain(grouped(secret));
}

/**
 * Shows the key and records how long the click took to put the QR code in the DOM (the view's own
 * performance measure). Reported, not asserted: no test may depend on the machine being fast.
 */
async function showSetupKey(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show setup key' }).click();
  await expect(qrOf(page)).toBeVisible();
  const ms = await page.evaluate(
    () => performance.getEntriesByName('tweestap:setup-key-shown', 'measure').at(-1)?.duration ?? -1,
  );
  expect(ms, 'the view measured itself').toBeGreaterThanOrEqual(0);
  test.info().annotations.push({ type: 'click to QR in DOM (ms)', description: ms.toFixed(1) });
  console.log(`setup-device: "Show setup key" click to QR in the DOM: ${ms.toFixed(1)} ms`);
}

/** What a phone's camera would read: the QR element as painted, decoded by jsQR. */
async function decodeQr(qr: Locator): Promise<string> {
  const box = await qr.boundingBox();
  expect(box!.width, 'QR code at least 220 CSS px wide').toBeGreaterThanOrEqual(220);
  expect(box!.height, 'and as high').toBeGreaterThanOrEqual(220);
  const png = PNG.sync.read(await qr.screenshot({ animations: 'disabled' }));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  // A white quiet zone in every theme (a pixel in: the element may sit on a half pixel).
  const inset = (2 * png.width + 2) * 4;
  expect([...pixels.slice(inset, inset + 3)], 'quiet zone is white').toEqual([255, 255, 255]);
  const found = jsQR(pixels, png.width, png.height, { inversionAttempts: 'dontInvert' });
  expect(found, 'the QR code decodes as dark on light').not.toBeNull();
  return found!.data;
}

async function expectSetupOf(page: Page, stored: StoredAccount): Promise<string> {
  const text = await decodeQr(qrOf(page));
  expect(text).toBe(formatOtpauthUri(stored));
  const parsed = parseOtpauthUri(text);
  expect(parsed).toMatchObject({
    type: stored.type,
    issuer: stored.issuer,
    label: stored.label,
    secret: stored.secret,
    algorithm: stored.algorithm,
    digits: stored.digits,
    period: stored.period,
  });
  if (stored.type === 'hotp') expect(parsed.counter).toBe(stored.counter);
  await expect(keyOf(page)).toHaveText(grouped(stored.secret));
  return text;
}

test('TOTP SHA256, 8 digits, 60 s: the QR code and key are the account, copies are bare and cleared', async ({
  context,
  openPopup,
}, testInfo) => {
  await grantClipboard(context);
  const account: TestAccount = {
    issuer: 'Rooster & Co',
    label: 'ann@school.test',
    secret: randomSecret(20),
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
  };
  const page = await popupWith(openPopup, [account], { tourDone: true });
  const [stored] = await listAccounts(page);
  await call(page, 'settings.set', { patch: { clipboardClearSeconds: 2 } });

  await openSetup(page, 'Rooster & Co');
  await expect(page.getByText('ann@school.test')).toBeVisible();
  await expect(page.locator('[data-warning]')).toHaveCount(0);
  await expectNothingSecret(page, account.secret);
  await screenshot(page, testInfo, 'en-setup-device-before');

  await showSetupKey(page);
  await expect(
    page.getByText('Scan this with the other phone or app now, then type the code on the website once.'),
  ).toBeVisible();
  const uri = await expectSetupOf(page, stored!);
  await screenshot(page, testInfo, 'en-setup-device-shown');

  await page.evaluate(() => navigator.clipboard.writeText('something else'));
  await page.getByRole('button', { name: 'Copy setup key' }).click();
  await expect(page.getByRole('status')).toHaveText('Setup key copied');
  expect(await readClipboard(page)).toBe(account.secret);
  // Cleared by the background after the user's two seconds, as a copied code is.
  await expect.poll(() => readClipboard(page), { timeout: 12_000, intervals: [500] }).toBe('');

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status')).toHaveText('Link copied');
  expect(await readClipboard(page)).toBe(uri);

  // Selecting the key by hand and copying gives it without the reading spaces.
  await keyOf(page).selectText();
  await page.evaluate(() => document.execCommand('copy'));
  expect(await readClipboard(page)).toBe(account.secret);

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(rowFor(page, 'Rooster & Co', 'ann@school.test')).toBeFocused();
  await expect(qrOf(page)).toHaveCount(0);

  // Coming back asks again: nothing was kept.
  await openSetup(page, 'Rooster & Co');
  await expectNothingSecret(page, account.secret);
});

test('HOTP warns that the counters drift apart and its link carries the counter; Steam says its app cannot scan', async ({
  openPopup,
}, testInfo) => {
  const hotp: TestAccount = {
    type: 'hotp',
    issuer: 'Teller',
    label: 'bob@count.test',
    secret: randomSecret(20),
    counter: 7,
  };
  const steam: TestAccount = {
    type: 'steam',
    issuer: 'Steam',
    label: 'gamer',
    secret: randomSecret(10),
    digits: 5,
  };
  const page = await popupWith(openPopup, [hotp, steam], { tourDone: true });
  const accounts = await listAccounts(page);
  const drift = page.locator('[data-warning="setup_hotp_drift"]');

  await openSetup(page, 'Teller');
  await expect(drift).toContainText('Each device counts its own uses');
  await showSetupKey(page);
  await expect(drift).toBeVisible();
  await drift.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'en-setup-device-hotp');
  const uri = await expectSetupOf(page, accounts.find((a) => a.type === 'hotp')!);
  expect(uri).toMatch(/^otpauth:\/\/hotp\/.*[?&]counter=7(&|$)/);

  await page.getByRole('button', { name: 'Back' }).click();
  await openSetup(page, 'Steam');
  await expect(page.locator('[data-warning="setup_steam"]')).toContainText(
    'The Steam app cannot scan this QR code.',
  );
  await expect(drift).toHaveCount(0);
  await showSetupKey(page);
  await expectSetupOf(page, accounts.find((a) => a.type === 'steam')!);
});

test('locked: vault.setupKey says locked, a lock elsewhere takes the QR code away, a click shows the lock screen', async ({
  openPopup,
}, testInfo) => {
  const secret = randomSecret(20);
  const page = await popupWith(openPopup, [{ issuer: 'Vergrendeld', label: 'me', secret }], {
    tourDone: true,
  });
  const [stored] = await listAccounts(page);
  await call(page, 'vault.setPassword', { newPassword: PASSWORD });
  const other = await openPopup();

  await openSetup(page, 'Vergrendeld');
  await showSetupKey(page);
  await expectSetupOf(page, stored!);

  // Locked from another window: this popup hears of it by itself, with nothing clicked here.
  await call(other, 'vault.lock');
  await expect(page.getByRole('heading', { name: 'Tweestap is locked' })).toBeVisible();
  await expect(qrOf(page)).toHaveCount(0);
  await expect(keyOf(page)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  expect(await sendFromPage(page, 'vault.setupKey', { id: stored!.id })).toEqual({
    ok: false,
    error: { code: 'locked' },
  });
  testInfo.annotations.push({ type: 'lock seen', description: 'by polling vault.status while shown' });

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(rowFor(page, 'Vergrendeld', 'me')).toBeVisible({ timeout: 15_000 });

  // Locked while the explanation is open: the click is refused, and shows the lock screen.
  await openSetup(page, 'Vergrendeld');
  await call(other, 'vault.lock');
  await page.getByRole('button', { name: 'Show setup key' }).click();
  await expect(page.getByRole('heading', { name: 'Tweestap is locked' })).toBeVisible();
  await expect(qrOf(page)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});

test('the added screen offers "Set up another device too", which opens the same view', async ({
  openPopup,
  demoSite,
}, testInfo) => {
  const page = await popupWith(openPopup, [{ issuer: 'Already', label: 'here', secret: randomSecret() }], {
    tourDone: true,
  });
  const secret = randomSecret(20);
  const link = `otpauth://totp/Geplakt:juf@school.test?secret=${secret}&issuer=Geplakt`;
  const png = await (
    await fetch(`${demoSite.url}/qr.png?data=${encodeURIComponent(link)}&scale=4`)
  ).arrayBuffer();
  // As a user pastes a screenshot of a QR code into the popup.
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'qr.png', { type: 'image/png' }));
    document.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, Buffer.from(png).toString('base64'));
  await expect(page.getByRole('heading', { name: 'Added' })).toBeVisible({ timeout: 15_000 });
  await screenshot(page, testInfo, 'en-added-setup-too');

  await page.getByRole('button', { name: 'Set up another device too' }).click();
  await expect(page.getByRole('heading', { name: 'Set up another device' })).toBeVisible();
  await expect(page.getByText('juf@school.test')).toBeVisible();
  await expectNothingSecret(page, secret);
  await showSetupKey(page);
  const added = (await listAccounts(page)).find((a) => a.issuer === 'Geplakt')!;
  await expectSetupOf(page, added);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(rowFor(page, 'Geplakt', 'juf@school.test')).toBeFocused();
});

test('dark mode: the QR code stays black on white and still scans', async ({ openPopup }, testInfo) => {
  const page = await popupWith(
    openPopup,
    [{ issuer: 'Nachtdienst', label: 'zorg@team.test', secret: randomSecret(20) }],
    {
      tourDone: true,
    },
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  const [stored] = await listAccounts(page);
  await openSetup(page, 'Nachtdienst');
  await showSetupKey(page);
  await expectSetupOf(page, stored!);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background, 'the page itself is dark').not.toBe('rgb(255, 255, 255)');
  await screenshot(page, testInfo, 'dark-setup-device-shown');
});
