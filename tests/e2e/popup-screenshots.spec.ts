import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addAccounts } from './helpers';
import { call, grantClipboard, messagesFor, msg, popupWith, randomSecret, screenshot } from './popup-helpers';
import { selectAreaOn } from './select-area';

/**
 * Not visual regression tests: screenshots of the main screens saved as artifacts
 * (test-results/screenshots/<lang>-<scheme>-<screen>.png, also attached to the report) for people to
 * look at. The assertions only make sure each screen is the one it claims to be.
 */
async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  const box = (await locator.boundingBox())!;
  const height = page.viewportSize()!.height;
  expect(box.y, 'top inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, 'bottom inside the viewport').toBeLessThanOrEqual(height);
}

/** The element's box meets no code's and no visible button's box. */
async function expectCoversNothing(locator: Locator): Promise<void> {
  const overlaps = await locator.evaluate((element) => {
    const mine = element.getBoundingClientRect();
    const meets = (other: DOMRect) =>
      other.width > 0 &&
      other.height > 0 &&
      mine.left < other.right &&
      other.left < mine.right &&
      mine.top < other.bottom &&
      other.top < mine.bottom;
    return [...document.querySelectorAll('[data-testid="code"], button')]
      .filter((other) => !element.contains(other) && meets(other.getBoundingClientRect()))
      .map((other) => other.outerHTML.slice(0, 80));
  });
  expect(overlaps).toEqual([]);
}

/** No name and no button holds more text than its box shows without spilling over. */
async function expectNoOverflow(page: Page): Promise<void> {
  const spilling = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.issuer, .row-label, button')]
      .filter((element) => element.getClientRects().length > 0 && element.scrollWidth > element.clientWidth)
      .map((element) => `${element.className}: ${element.textContent}`),
  );
  expect(spilling).toEqual([]);
}

for (const lang of ['en', 'nl'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${lang} ${scheme}`, () => {
      test.use({ browserLang: lang, scheme });
      const m = messagesFor(lang);

      test(`screenshots of list, settings and lock screen (${lang}, ${scheme})`, async ({
        openPopup,
      }, testInfo) => {
        const page = await openPopup();
        await addAccounts(page, [
          {
            issuer: 'Schoolportaal',
            label: 'leerling@school.test',
            secret: randomSecret(),
            sites: ['school.test'],
          },
          {
            issuer: 'GitHub',
            label: 'octocat',
            secret: randomSecret(35),
            algorithm: 'SHA256',
            digits: 8,
            period: 60,
          },
          { type: 'steam', issuer: 'Steam', label: 'gamer', secret: randomSecret(), digits: 5 },
          { type: 'hotp', issuer: 'Bank', label: 'hotp@bank.test', secret: randomSecret(), counter: 3 },
          { issuer: '', label: 'no-issuer@example.test', secret: randomSecret() },
        ]);
        await call(page, 'settings.set', { patch: { tourDone: true } });
        await page.reload();
        await expect(page.getByRole('listitem')).toHaveCount(5);
        await expect(page.getByTestId('code')).toHaveCount(5);
        const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        expect(dark).toBe(scheme === 'dark');
        await screenshot(page, testInfo, `${lang}-${scheme}-list`);

        await page.getByRole('button', { name: msg(m, 'settings'), exact: true }).click();
        await expect(page.getByRole('heading', { name: msg(m, 'security_section') })).toBeVisible();
        await screenshot(page, testInfo, `${lang}-${scheme}-settings`);

        await call(page, 'vault.setPassword', { newPassword: 'correct horse battery staple' });
        await page.reload();
        await page.getByRole('button', { name: msg(m, 'lock'), exact: true }).click();
        await expect(page.getByRole('heading', { name: msg(m, 'locked_title') })).toBeVisible();
        await screenshot(page, testInfo, `${lang}-${scheme}-lock`);
      });

      test(`daily use: a dialog in a short popup, a toast, long names, HOTP (${lang}, ${scheme})`, async ({
        context,
        openPopup,
      }, testInfo) => {
        await grantClipboard(context);
        const page = await popupWith(
          openPopup,
          [{ issuer: 'Schoolportaal', label: 'leerling@school.test', secret: randomSecret() }],
          { tourDone: true },
        );
        // One account makes a popup 167 px tall: the dialog's title and the names it gives stay in sight.
        await page.setViewportSize({ width: 380, height: 167 });
        await page.getByRole('button', { name: msg(m, 'more_for').replace('$1', 'Schoolportaal') }).click();
        // The tab cannot grow as a popup does, so the menu's last item is reached as a keyboard user would.
        await expect(page.getByRole('menuitem', { name: msg(m, 'menu_delete') })).toBeAttached();
        await page.keyboard.press('End');
        await expect(page.getByRole('menuitem', { name: msg(m, 'menu_delete') })).toBeFocused();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog');
        const title = dialog.getByRole('heading', { name: msg(m, 'delete_title') });
        await expect(title).toBeVisible();
        await expectInViewport(page, title);
        await screenshot(page, testInfo, `${lang}-${scheme}-delete-short`);
        await dialog.getByRole('button', { name: msg(m, 'cancel') }).click();

        // A toast takes room of its own: it covers neither the code just copied nor any button.
        await page.setViewportSize({ width: 380, height: 600 });
        const row = page.getByRole('listitem', { name: /Schoolportaal/ });
        await row.getByTestId('code').click();
        const toast = page.getByRole('status').locator('.toast');
        await expect(toast).toBeVisible();
        await expectCoversNothing(toast);
        await screenshot(page, testInfo, `${lang}-${scheme}-toast`);

        // Long names and HOTP: every name and button keeps its text inside its box.
        await addAccounts(page, [
          ...Array.from({ length: 28 }, (_, i) => ({
            issuer: `Amazon Web Services Nederland ${i}`,
            label: `anna.de.vries-van-den-berg${i}@zorginstelling-voorbeeld.nl`,
            secret: randomSecret(),
            digits: i % 3 === 0 ? 8 : 6,
          })),
          { type: 'hotp', issuer: 'Bank', label: 'hotp@bank.test', secret: randomSecret(), counter: 3 },
        ]);
        await page.reload();
        await expect(page.getByTestId('code').first()).toBeVisible();
        await page.getByRole('searchbox').fill('Bank');
        await expect(page.getByRole('listitem')).toHaveCount(1);
        await expectNoOverflow(page);
        await screenshot(page, testInfo, `${lang}-${scheme}-hotp`);
        await page.getByRole('searchbox').fill('');
        await expect(page.getByTestId('code').nth(3)).toBeVisible();
        await expectNoOverflow(page);
        await screenshot(page, testInfo, `${lang}-${scheme}-long-names`);
      });

      test(`screenshot of "which website is this for?" (${lang}, ${scheme})`, async ({
        context,
        launched,
        extensionId,
        openPopup,
        demoSite,
      }, testInfo) => {
        const controller = await openPopup();
        await call(controller, 'settings.set', { patch: { tourDone: true } });
        const at = `${demoSite.url}/qr/frame-cross`;
        await selectAreaOn({ context, launched, extensionId }, controller, at);
        const page = await openPopup();
        const question = page.getByRole('form', { name: msg(m, 'site_question') });
        await expect(question.getByRole('textbox', { name: msg(m, 'site_question_field') })).toHaveValue(
          demoSite.url,
        );
        await screenshot(page, testInfo, `${lang}-${scheme}-site-question`);
      });
    });
  }
}
