import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, messagesFor, msg, popupWith, randomSecret, screenshot } from './popup-helpers';

const account = () => ({ issuer: 'Zorgrooster', label: 'verpleging@zorg.test', secret: randomSecret() });

for (const lang of ['en', 'nl'] as const) {
  test.describe(lang, () => {
    test.use({ browserLang: lang });
    const m = messagesFor(lang);
    const reminder = (page: Page) => page.getByRole('region', { name: msg(m, 'backup_reminder_title') });

    test(`after the first account, the popup asks for a backup until "Not now" (${lang})`, async ({
      openPopup,
    }, testInfo) => {
      const page = await openPopup();
      // The password nudge comes first; with it answered, the backup reminder has the banner.
      await call(page, 'settings.set', { patch: { passwordNudgeDismissed: true } });
      const popup = await popupWith(async () => page, [account()]);
      await expect(reminder(popup)).toContainText(msg(m, 'backup_reminder_first'));
      await screenshot(popup, testInfo, `${lang}-backup-reminder`);

      await reminder(popup)
        .getByRole('button', { name: msg(m, 'nudge_not_now') })
        .click();
      await expect(reminder(popup)).toHaveCount(0);
      await expect
        .poll(
          async () =>
            (await call<{ backupReminderDismissedAt: number }>(popup, 'settings.get'))
              .backupReminderDismissedAt,
        )
        .toBeGreaterThan(0);
      await popup.reload();
      await expect(popup.getByRole('listitem', { name: /Zorgrooster/ })).toBeVisible();
      await expect(reminder(popup)).toHaveCount(0);
    });
  });
}

test('"Make a backup" opens the backup section of the options page', async ({ openPopup, context }) => {
  const m = messagesFor('en');
  const page = await openPopup();
  await call(page, 'settings.set', { patch: { passwordNudgeDismissed: true } });
  const popup = await popupWith(async () => page, [account()]);
  const opened = context.waitForEvent('page');
  await popup
    .getByRole('region', { name: msg(m, 'backup_reminder_title') })
    .getByRole('button', { name: msg(m, 'backup_reminder_action') })
    .click();
  const options = await opened;
  await expect(options).toHaveURL(/\/options\.html#backup$/);
});

test('no reminder before any account, nor while the password nudge is showing', async ({ openPopup }) => {
  const m = messagesFor('en');
  const page = await openPopup();
  await call(page, 'settings.set', { patch: { tourDone: true } });
  await page.reload();
  await expect(page.getByRole('region', { name: msg(m, 'backup_reminder_title') })).toHaveCount(0);
  const popup = await popupWith(async () => page, [account()]);
  await expect(popup.getByRole('region', { name: msg(m, 'nudge_title') })).toBeVisible();
  await expect(popup.getByRole('region', { name: msg(m, 'backup_reminder_title') })).toHaveCount(0);
});
