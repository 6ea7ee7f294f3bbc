import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { PNG } from 'pngjs';
import UPNG from 'upng-js';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { oathtoolTotp } from './oathtool';
import { call, digitsOf, messagesFor, msg, randomSecret, screenshot } from './popup-helpers';
import { RealPopup } from './real-popup';

/**
 * The guides' flows, run end to end on the demo site's Microsoft-like pages, served under Microsoft's own
 * host name (Chromium resolves it to the demo site), so Help sees a Microsoft page. The runs take the
 * guides' screenshots: `npm run guides:screenshots` writes them into docs/guides/img.
 */
const MS_HOST = 'mysignins.microsoft.com';
const GUIDES = resolve(import.meta.dirname, '../../docs/guides');
const UPDATE = process.env.UPDATE_GUIDE_SCREENSHOTS === '1';

test.use({ browserArgs: [`--host-resolver-rules=MAP ${MS_HOST} 127.0.0.1`] });

const guideTitle = (language: string, name: string) =>
  readFileSync(join(GUIDES, language, `${name}.md`), 'utf8')
    .split('\n')[0]!
    .replace(/^# /, '');

/** How far down the view's content reaches: the guides show the popup without its empty lower part. */
const CONTENT_BOTTOM = `Math.ceil(Math.max(...[...document.body.querySelectorAll('*')]
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => el.getBoundingClientRect().bottom))) + 12`;

/**
 * Keeps a guide screenshot with the run's results and, when asked to update the guides, in docs/guides/img
 * in 48 colours: a screen of text looks the same, at a third of the bytes the extension then ships.
 */
function keepForGuide(testInfo: TestInfo, name: string, png: Buffer): void {
  const dir = join(testInfo.project.outputDir, 'guides');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  writeFileSync(path, png);
  void testInfo.attach(name, { path, contentType: 'image/png' });
  if (!UPDATE) return;
  const { data, width, height } = PNG.sync.read(png);
  const rgba = data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer;
  writeFileSync(join(GUIDES, 'img', `${name}.png`), Buffer.from(UPNG.encode([rgba], width, height, 48)));
}

/** The popup opened as a tab, down to its content, checked by axe-core like every screen we look at. */
async function shotOfPage(page: Page, testInfo: TestInfo, name: string): Promise<Buffer> {
  const path = await screenshot(page, testInfo, name);
  const height = Math.min(page.viewportSize()!.height, await page.evaluate(CONTENT_BOTTOM));
  const { width } = page.viewportSize()!;
  await page.screenshot({ path, clip: { x: 0, y: 0, width, height }, animations: 'disabled', caret: 'hide' });
  return readFileSync(path);
}

async function shotOfPopup(popup: RealPopup): Promise<Buffer> {
  await popup.evaluate('document.fonts.ready');
  return popup.screenshot(await popup.evaluate<number>(CONTENT_BOTTOM));
}

/** Security info → "+ Add sign-in method" → Authenticator app → another app → the QR, as the guide says. */
async function openQrStep(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '+ Add sign-in method' }).click();
  await page.getByLabel('Which method would you like to add?').selectOption('app');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('link', { name: 'I want to use a different authenticator app' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Scan the QR code' })).toBeVisible();
}

async function enterCodeAndFinish(page: Page, code: () => Promise<string>): Promise<void> {
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Enter code' })).toBeVisible();
  await page.getByLabel(/Enter the 6-digit code/).fill(await code());
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('status')).toHaveText('Authenticator app was successfully registered');
}

async function signInUpToCode(page: Page, base: string, user: string): Promise<void> {
  await page.goto(`${base}/ms/login`);
  await page.getByLabel('Email, phone, or Skype').fill(user);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password').fill('anything');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Enter code' })).toBeVisible();
}

/** What oathtool says the code is now, or a moment ago (a code shown just before the 30 s step). */
function expectCurrentCode(shown: string, secret: string): void {
  const now = Math.floor(Date.now() / 1000);
  expect([oathtoolTotp(secret, now), oathtoolTotp(secret, now - 30)]).toContain(digitsOf(shown));
}

for (const lang of ['en', 'nl'] as const) {
  test.describe(`guides (${lang})`, () => {
    test.use({ browserLang: lang });
    const m = messagesFor(lang);

    test(`Microsoft-like set-up by "Scan QR code", then signing in with Fill in (${lang})`, async ({
      context,
      launched,
      extensionId,
      openPopup,
      demoSite,
    }, testInfo) => {
      await call(await openPopup(), 'settings.set', { patch: { tourDone: true } });
      const secret = randomSecret();
      const user = `teacher.${lang}@demo-school.test`;
      const base = `http://${MS_HOST}:${demoSite.port}`;
      const page = await context.newPage();
      await openQrStep(page, `${base}/ms/security-info?${new URLSearchParams({ secret, label: user })}`);

      let popup = await RealPopup.open(launched, page, extensionId);
      await popup.waitForButton(msg(m, 'scan_qr'));
      keepForGuide(testInfo, `${lang}-scan`, await shotOfPopup(popup));
      await popup.clickButton(msg(m, 'scan_qr'));
      await popup.waitFor('document.querySelector("[data-testid=code]")');
      keepForGuide(testInfo, `${lang}-added`, await shotOfPopup(popup));
      const shownAfterScan = () =>
        popup.evaluate<string>('document.querySelector("[data-testid=code]").textContent');
      await expect(async () => expectCurrentCode(await shownAfterScan(), secret)).toPass({ timeout: 10_000 });
      await enterCodeAndFinish(page, async () => digitsOf(await shownAfterScan()));
      await popup.close();

      // Signing in later: the account was linked to this site by the scan, so Fill in types its code here.
      await signInUpToCode(page, base, user);
      popup = await RealPopup.open(launched, page, extensionId);
      await popup.clickButton(msg(m, 'fill_in_for').replace('$1', 'Demo School'));
      await expect(page.locator('input[name=otc]')).toHaveValue(/^\d{6}$/);
      expectCurrentCode(await page.locator('input[name=otc]').inputValue(), secret);
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect(page.locator('#result')).toHaveText('Signed in');
    });

    test(`Microsoft-like set-up by typing the secret key from "Can't scan image?" (${lang})`, async ({
      context,
      openPopup,
      demoSite,
    }, testInfo) => {
      const tweestap = await openPopup();
      await call(tweestap, 'settings.set', { patch: { tourDone: true } });
      await tweestap.reload();
      const secret = randomSecret();
      const user = `carer.${lang}@demo-care.test`;
      const base = `http://${MS_HOST}:${demoSite.port}`;
      const page = await context.newPage();
      await openQrStep(
        page,
        `${base}/ms/security-info?${new URLSearchParams({ secret, issuer: 'Demo Care', label: user })}`,
      );
      await page.getByRole('button', { name: "Can't scan image?" }).click();
      const accountName = (await page.locator('#ms-account-name').textContent())!;
      const secretKey = (await page.locator('#ms-secret-key').textContent())!;
      expect(secretKey, 'shown as Microsoft shows it: lower case, in groups').toMatch(
        /^[a-z2-7]{4}( [a-z2-7]{1,4})+$/,
      );

      await tweestap.bringToFront();
      await tweestap
        .getByRole('button', { name: msg(m, 'add_manually') })
        .first()
        .click();
      await tweestap.getByLabel(msg(m, 'account_name')).fill(accountName);
      await tweestap.getByLabel(msg(m, 'setup_key')).fill(secretKey);
      keepForGuide(
        testInfo,
        `${lang}-add-manually`,
        await shotOfPage(tweestap, testInfo, `guide-${lang}-add-manually`),
      );
      await tweestap.getByRole('button', { name: msg(m, 'add_account') }).click();
      const code = tweestap.getByTestId('code').first();
      await expect(code).toHaveText(/\d/);
      await expect(async () => expectCurrentCode((await code.textContent())!, secret)).toPass({
        timeout: 10_000,
      });
      // The toast that says it was added goes by itself; the guide shows the list as the user then sees it.
      await expect(tweestap.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
      keepForGuide(testInfo, `${lang}-code`, await shotOfPage(tweestap, testInfo, `guide-${lang}-code`));

      await page.bringToFront();
      await enterCodeAndFinish(page, async () => digitsOf((await code.textContent())!));
      await signInUpToCode(page, base, user);
      await page.locator('input[name=otc]').fill(digitsOf((await code.textContent())!));
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect(page.locator('#result')).toHaveText('Signed in');
    });

    const scheme = lang === 'nl' ? 'dark' : 'light';
    test.describe(() => {
      test.use({ scheme });
      test(`Help opens the Microsoft guide on a Microsoft page and the general one elsewhere (${lang}, ${scheme})`, async ({
        context,
        launched,
        extensionId,
        demoSite,
      }, testInfo) => {
        const cases = [
          { url: `http://${MS_HOST}:${demoSite.port}/ms/security-info`, guide: 'microsoft' },
          { url: `${demoSite.url}/setup`, guide: 'any-site' },
        ];
        for (const { url, guide } of cases) {
          const page = await context.newPage();
          await page.goto(url);
          const popup = await RealPopup.open(launched, page, extensionId);
          const opened = context.waitForEvent('page');
          await popup.clickButton(msg(m, 'help'));
          const help = await opened;
          await help.waitForLoadState();
          expect(help.url()).toBe(`chrome-extension://${extensionId}/guide.html#${guide}`);
          await expect(help.getByRole('heading', { level: 1 })).toHaveText(guideTitle(lang, guide));
          await expect(help.locator('html')).toHaveAttribute('lang', lang);
          await help.setViewportSize({ width: 1000, height: 800 });
          await help.emulateMedia({ colorScheme: scheme });
          await screenshot(help, testInfo, `guide-${lang}-${scheme}-${guide}`);
          const images = help.locator('main img');
          for (const image of await images.all()) {
            expect(
              await image.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
            ).toBeGreaterThan(0);
          }
          await popup.close();
          await page.close();

          // The guide's own links: to the same guide in the other language, and back to all guides.
          const other = lang === 'en' ? 'nl' : 'en';
          await help.getByRole('link', { name: other === 'nl' ? 'Nederlands' : 'English' }).click();
          await expect(help.getByRole('heading', { level: 1 })).toHaveText(guideTitle(other, guide));
          await expect(help.locator('html')).toHaveAttribute('lang', other);
          expect(await axeViolations(help)).toEqual([]);
          await help.close();
        }
      });
    });
  });
}
