import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { call, messagesFor, msg, popupWith, randomSecret, screenshot } from './popup-helpers';

const PASSWORD = 'correct horse battery staple';
const account = () => ({ issuer: 'Schoolportaal', label: 'leerling@school.test', secret: randomSecret() });

for (const lang of ['en', 'nl'] as const) {
  test.describe(lang, () => {
    test.use({ browserLang: lang });
    const m = messagesFor(lang);
    const nudge = (page: import('@playwright/test').Page) =>
      page.getByRole('region', { name: msg(m, 'nudge_title') });

    test(`after the first account, a password is urged until "Not now" (${lang})`, async ({
      openPopup,
    }, testInfo) => {
      const page = await popupWith(openPopup, [account()]);
      await expect(nudge(page)).toContainText(msg(m, 'nudge_text'));
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, testInfo, `${lang}-password-nudge`);

      await nudge(page)
        .getByRole('button', { name: msg(m, 'nudge_not_now') })
        .click();
      await expect(nudge(page)).toHaveCount(0);
      await expect
        .poll(
          async () =>
            (await call<{ passwordNudgeDismissed: boolean }>(page, 'settings.get')).passwordNudgeDismissed,
        )
        .toBe(true);
      await page.reload();
      await expect(page.getByRole('listitem', { name: /Schoolportaal/ })).toBeVisible();
      await expect(nudge(page)).toHaveCount(0);
    });

    test(`the nudge opens the password settings (${lang})`, async ({ openPopup }) => {
      const page = await popupWith(openPopup, [account()]);
      await nudge(page)
        .getByRole('button', { name: msg(m, 'password_set') })
        .click();
      await expect(page.getByRole('heading', { name: msg(m, 'password_section') })).toBeVisible();
      await expect(page.getByText(msg(m, 'password_scope'))).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}

test('no nudge during the tour, nor once a password is set', async ({ openPopup }) => {
  const m = messagesFor('en');
  const page = await openPopup();
  await expect(page.getByRole('heading', { name: msg(m, 'tour_title') })).toBeVisible();
  await expect(page.getByRole('region', { name: msg(m, 'nudge_title') })).toHaveCount(0);

  await call(page, 'vault.setPassword', { newPassword: PASSWORD });
  const withPassword = await popupWith(openPopup, [account()]);
  await expect(withPassword.getByRole('button', { name: msg(m, 'lock'), exact: true })).toBeVisible();
  await expect(withPassword.getByRole('region', { name: msg(m, 'nudge_title') })).toHaveCount(0);
});
