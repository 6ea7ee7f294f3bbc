import { expect, test } from './fixtures';
import { addAccounts } from './helpers';
import { call, messagesFor, msg, randomSecret, screenshot } from './popup-helpers';
import { selectAreaOn } from './select-area';

/**
 * Not visual regression tests: screenshots of the main screens saved as artifacts
 * (test-results/screenshots/<lang>-<scheme>-<screen>.png, also attached to the report) for people to
 * look at. The assertions only make sure each screen is the one it claims to be.
 */
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
