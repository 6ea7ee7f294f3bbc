import type { Page } from '@playwright/test';
import { axeViolations } from './axe';
import { sendFromPage } from './helpers';
import { expect, type ManagedPolicy, test } from './policy-fixtures';
import {
  call,
  listAccounts,
  messagesFor,
  msg,
  popupWith,
  randomSecret,
  rowFor,
  screenshot,
  vaultStatus,
} from './popup-helpers';
import { RealPopup } from './real-popup';

const HELP_URL = 'https://help.tweestap.test/ict';
const CONTACT = 'servicedesk@school.test';
const HELP = { helpUrl: HELP_URL, supportContact: CONTACT };
const REQUIRED: ManagedPolicy = { requirePassword: true, passwordMinLength: 12, ...HELP };
const PASSWORD = 'correct horse battery 42';

const accounts = () => [
  { issuer: 'Schoolportaal', label: 'leerling@school.test', secret: randomSecret() },
  { issuer: 'Rooster', label: 'ann@school.test', secret: randomSecret() },
];

const m = messagesFor('en');

async function expectPasswordScreen(page: Page, lang = 'en'): Promise<void> {
  const texts = messagesFor(lang);
  await expect(page.getByRole('heading', { name: msg(texts, 'org_password_title') })).toBeVisible();
  await expect(page.getByRole('listitem', { name: /./ })).toHaveCount(0);
  await expect(page.getByTestId('code')).toHaveCount(0);
  await expect(page.getByRole('button', { name: msg(texts, 'scan_qr') })).toHaveCount(0);
}

async function expectHelpLink(page: Page, within = page.locator('body')): Promise<void> {
  const link = within.getByRole('link', { name: 'Help from your organisation' });
  await expect(link).toHaveAttribute('href', HELP_URL);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noreferrer');
  await expect(within.getByText(`Questions? Contact ${CONTACT}.`)).toBeVisible();
}

async function setPasswordTo(page: Page, password: string, lang = 'en'): Promise<void> {
  const texts = messagesFor(lang);
  await page.getByLabel(msg(texts, 'new_password'), { exact: true }).fill(password);
  await page.getByLabel(msg(texts, 'confirm_password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: msg(texts, 'password_set') }).click();
}

test.describe('requirePassword reaches an open popup', () => {
  test.use({ policy: {} });

  test('applies at once, refuses a short password naming the length, deletes nothing, and goes once set', async ({
    openPopup,
    setPolicy,
  }) => {
    // Three policy changes, each of which Chromium takes 8-15 s to hand over.
    test.setTimeout(240_000);
    const page = await popupWith(openPopup, accounts(), { tourDone: true });

    await setPolicy(REQUIRED);
    await expectPasswordScreen(page);
    await expect(page.getByText(msg(m, 'org_password_kept'))).toBeVisible();
    await expect(page.getByText('At least 12 characters.')).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toBeFocused();
    await expectHelpLink(page);
    expect(await axeViolations(page)).toEqual([]);

    await setPasswordTo(page, 'eleven char');
    await expect(page.getByRole('alert').filter({ hasText: /\d/ })).toHaveText(
      'Your organisation requires at least 12 characters.',
    );
    expect(await vaultStatus(page)).toMatchObject({ hasPassword: false, passwordRequired: true });
    // The worker says the same to anyone who skips the popup's own check.
    expect(await sendFromPage(page, 'vault.setPassword', { newPassword: 'eleven char' })).toMatchObject({
      ok: false,
      error: { code: 'policy-forbidden', message: 'passwordMinLength' },
    });

    // The rule lifted: the screen goes at once, and every account is still there.
    await setPolicy(HELP);
    await expect(rowFor(page, 'Schoolportaal', 'leerling@school.test')).toBeVisible();
    await expect(rowFor(page, 'Rooster', 'ann@school.test')).toBeVisible();
    await expect(page.getByRole('heading', { name: msg(m, 'org_password_title') })).toHaveCount(0);

    await setPolicy(REQUIRED);
    await expectPasswordScreen(page);
    await setPasswordTo(page, PASSWORD);
    await expect(page.getByRole('listitem', { name: /./ })).toHaveCount(2);
    await expect(rowFor(page, 'Schoolportaal', 'leerling@school.test')).toBeVisible();
    const status = await vaultStatus(page);
    expect(status.hasPassword).toBe(true);
    expect(status).not.toHaveProperty('passwordRequired');
    expect(await listAccounts(page)).toHaveLength(2);

    // A required password cannot be removed: the settings say why instead of offering it.
    await page.getByRole('button', { name: 'Settings' }).click();
    const remove = page.getByRole('button', { name: 'Remove password' });
    await expect(remove).toBeDisabled();
    await expect(remove).toHaveAccessibleDescription('Set by your organisation');
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe('an organisation that keeps accounts in and to its own sites', () => {
  test.use({
    policy: { disableExport: true, disableImport: true, allowedSites: ['school.test'], ...HELP },
  });

  test('help link in the list and beside a refusal, no setup key, no import, a refused scan in words', async ({
    context,
    launched,
    extensionId,
    openPopup,
    demoSite,
  }, testInfo) => {
    const page = await popupWith(openPopup, accounts(), { tourDone: true });
    await expectHelpLink(page, page.locator('footer'));
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await screenshot(page, testInfo, 'en-policy-list-help');

    await page.getByRole('button', { name: 'More options for Rooster' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Set up another device' }).click();
    await expect(page.getByRole('heading', { name: 'Set up another device' })).toBeVisible();
    await expect(page.getByText(msg(m, 'org_setup_forbidden'))).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show setup key' })).toHaveCount(0);
    await expect(page.getByRole('img', { name: /^Setup QR code for / })).toHaveCount(0);
    await expect(page.getByTestId('setup-key')).toHaveCount(0);
    await expectHelpLink(page, page.locator('main'));
    await screenshot(page, testInfo, 'en-policy-setup-forbidden');

    // The real toolbar popup, on a page outside allowedSites (the demo site is 127.0.0.1). The tab
    // showing popup.html goes first: RealPopup would take it for the popup.
    await page.close();
    const site = await context.newPage();
    await site.goto(`${demoSite.url}/setup`);
    const popup = await RealPopup.open(launched, site, extensionId);
    await popup.clickButton('Scan QR code');
    const refusal = "Your organisation doesn't allow this. Tweestap can't be used on this site.";
    await popup.waitFor(`document.querySelector('.scan-status')?.textContent === ${JSON.stringify(refusal)}`);
    expect(await popup.text()).not.toContain('Select the area');

    // The help link opens the organisation's page in a tab, from the real popup too.
    await context.route(`${HELP_URL}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>ICT help</title>' }),
    );
    const link = `document.querySelector('main a[href="${HELP_URL}"]')`;
    await popup.waitFor(link);
    // Clicked after the evaluation has answered: the popup closes as the new tab takes focus, and
    // an evaluation still running then would never answer.
    await popup.evaluate(`void setTimeout(() => ${link}.click())`);
    // A new tab starts as about:blank: wait for the address, not for the tab.
    await expect.poll(() => context.pages().map((tab) => tab.url()), { timeout: 15_000 }).toContain(HELP_URL);
  });
});

const LOCKED: ManagedPolicy = {
  ...REQUIRED,
  passwordPattern: '\\d',
  // Chrome checks policy against the schema, where the hint is plain text (no {en, nl} object).
  passwordPatternHint: 'At least one digit (0-9).',
  autoLockMinutes: 15,
  lockOnScreenLock: true,
  clipboardClearSeconds: 30,
  disableManualEntry: true,
};

for (const [lang, scheme] of [
  ['en', 'light'],
  ['nl', 'light'],
  ['en', 'dark'],
] as const) {
  test.describe(`${lang} ${scheme}`, () => {
    test.use({ browserLang: lang, scheme, policy: LOCKED });
    const texts = messagesFor(lang);

    test(`the password screen, locked settings and scan-only adding (${lang}, ${scheme})`, async ({
      openPopup,
    }, testInfo) => {
      const page = await openPopup();
      await expectPasswordScreen(page, lang);
      await expect(page.getByText(msg(texts, 'org_rule_min').replace('$1', '12'))).toBeVisible();
      const hint = LOCKED.passwordPatternHint as string;
      await expect(page.getByText(hint, { exact: true })).toBeVisible();
      await screenshot(page, testInfo, `${lang}-${scheme}-policy-password-required`);

      // Long enough, and no digit: the organisation's rule in its own words.
      await setPasswordTo(page, 'correct horse battery staple', lang);
      await expect(page.getByRole('alert').filter({ hasText: hint })).toHaveText(
        msg(texts, 'org_password_pattern').replace('$1', hint),
      );
      await setPasswordTo(page, PASSWORD, lang);
      await expect(page.getByRole('heading', { name: msg(texts, 'org_password_title') })).toHaveCount(0);
      await expect(page.getByRole('button', { name: msg(texts, 'settings') })).toBeVisible();

      await page.getByRole('button', { name: msg(texts, 'settings') }).click();
      const autoLock = page.getByLabel(msg(texts, 'auto_lock'));
      await expect(autoLock).toHaveAccessibleDescription(
        new RegExp(
          `^${msg(texts, 'org_at_most').replace('$1', msg(texts, 'duration_minutes').replace('$1', '15'))}`,
        ),
      );
      // Shorter than the maximum only, and never "never".
      await expect(autoLock.locator('option')).toHaveText(
        ['1', '5', '15'].map((n) =>
          n === '1' ? msg(texts, 'duration_minute') : msg(texts, 'duration_minutes').replace('$1', n),
        ),
      );
      const clipboard = page.getByLabel(msg(texts, 'clipboard_clear'));
      await expect(clipboard.locator('option')).toHaveText(
        ['15', '30'].map((n) => msg(texts, 'duration_seconds').replace('$1', n)),
      );
      const screenLock = page.getByLabel(msg(texts, 'lock_on_screen_lock'));
      await expect(screenLock).toBeDisabled();
      await expect(screenLock).toBeChecked();
      await expect(screenLock).toHaveAccessibleDescription(msg(texts, 'org_locked'));
      await autoLock.selectOption('5');
      await expect
        .poll(async () => (await call<{ autoLockMinutes: number }>(page, 'settings.get')).autoLockMinutes)
        .toBe(5);
      // The "Password set" toast would cover what the picture is for.
      await expect(page.locator('.toast')).toHaveCount(0);
      await clipboard.scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `${lang}-${scheme}-policy-settings`);

      await page.getByRole('button', { name: msg(texts, 'back') }).click();
      await page.getByRole('button', { name: msg(texts, 'add_manually') }).click();
      await expect(page.getByText(msg(texts, 'org_manual_forbidden'))).toBeVisible();
      await expect(page.getByLabel(msg(texts, 'setup_key'))).toHaveCount(0);
      await expect(page.getByRole('button', { name: msg(texts, 'scan_qr') })).toBeVisible();
      await screenshot(page, testInfo, `${lang}-${scheme}-policy-add-scan-only`);
    });
  });
}
