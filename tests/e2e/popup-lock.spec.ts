import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  call,
  expectLiveCode,
  listAccounts,
  oathtoolTotpWith,
  popupWith,
  randomSecret,
  rowFor,
  vaultStatus,
} from './popup-helpers';

const PASSWORD = 'correct horse battery staple';

async function expectLockScreen(page: Page) {
  await expect(page.getByRole('heading', { name: 'Tweestap is locked' })).toBeVisible();
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByTestId('code')).toHaveCount(0);
}

test('auto-lock locks after the idle time; wrong password says so; the right one brings the list back', async ({
  openPopup,
}) => {
  const secret = randomSecret();
  const seeder = await popupWith(openPopup, [{ issuer: 'Locked Inc', label: 'me@locked.test', secret }]);
  const status = await call<{ hasPassword: boolean }>(seeder, 'vault.setPassword', { newPassword: PASSWORD });
  expect(status.hasPassword).toBe(true);
  // 0.05 minutes = 3 s. The alarm is (re)started by each use of the vault, so use it once more.
  await call(seeder, 'settings.set', { patch: { autoLockMinutes: 0.05 } });
  await listAccounts(seeder);
  expect((await vaultStatus(seeder)).state).toBe('unlocked');
  await seeder.close();

  // vault.status does not count as a use, so polling it does not keep the vault open.
  const probe = await openPopup();
  await expect
    .poll(async () => (await vaultStatus(probe)).state, { timeout: 30_000, intervals: [500] })
    .toBe('locked');
  await probe.close();

  const popup = await openPopup();
  await expectLockScreen(popup);

  const field = popup.getByLabel('Password');
  await field.fill('not the password');
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByRole('alert')).toHaveText(/^That password is not right\. Try again/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect((await vaultStatus(popup)).state).toBe('locked');

  await field.fill(PASSWORD);
  // After a wrong try the button may wait a moment; Playwright waits for it to be enabled.
  await popup.getByRole('button', { name: 'Unlock' }).click();
  const row = rowFor(popup, 'Locked Inc', 'me@locked.test');
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expectLiveCode(row, (now) => oathtoolTotpWith(secret, now));
  expect((await vaultStatus(popup)).state).toBe('unlocked');
});

test('the Lock button locks at once, and the vault is really locked', async ({ openPopup }) => {
  const secret = randomSecret();
  const popup = await popupWith(openPopup, [{ issuer: 'Quick Lock', label: 'q@lock.test', secret }]);
  await call(popup, 'vault.setPassword', { newPassword: PASSWORD });
  await popup.reload();
  const lock = popup.getByRole('button', { name: 'Lock', exact: true });
  await expect(lock).toHaveAttribute('title', 'Lock Tweestap now');

  await lock.click();
  await expectLockScreen(popup);
  expect((await vaultStatus(popup)).state).toBe('locked');
  const listed = await popup.evaluate(() =>
    chrome.runtime.sendMessage({ tweestap: 1, name: 'vault.list', request: {} }),
  );
  expect(listed).toMatchObject({ ok: false, error: { code: 'locked' } });

  // A popup opened now shows the lock screen too.
  const second = await openPopup();
  await expectLockScreen(second);

  await popup.getByLabel('Password').fill(PASSWORD);
  await popup.getByLabel('Password').press('Enter');
  await expect(rowFor(popup, 'Quick Lock', 'q@lock.test')).toBeVisible({ timeout: 15_000 });
  await expectLiveCode(rowFor(popup, 'Quick Lock', 'q@lock.test'), (now) => oathtoolTotpWith(secret, now));
});

test('Lock without a password opens the password settings instead of pretending to lock', async ({
  openPopup,
}) => {
  const popup = await popupWith(openPopup, [{ issuer: 'Open', label: 'o', secret: randomSecret() }]);
  const lock = popup.getByRole('button', { name: 'Lock', exact: true });
  await expect(lock).toHaveAttribute('title', 'Set a password to lock Tweestap');
  await lock.click();
  await expect(popup.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(popup.getByText('Set a password to lock Tweestap')).toBeVisible();
  await expect(popup.getByLabel('New password')).toBeFocused();
  expect((await vaultStatus(popup)).state).toBe('unlocked');
});

test('setting a password through Settings makes Lock work', async ({ openPopup }) => {
  const popup = await popupWith(openPopup, [{ issuer: 'Via UI', label: 'ui', secret: randomSecret() }]);
  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByLabel('New password').fill(PASSWORD);
  await popup.getByLabel('Confirm password').fill('something else');
  // Said once, on leaving Confirm: not while it is being typed.
  await expect(popup.getByText('The two passwords are not the same.')).toHaveCount(0);
  await popup.getByLabel('Confirm password').blur();
  await expect(popup.getByText('The two passwords are not the same.')).toHaveCount(1);
  await popup.getByLabel('Confirm password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Set password' }).click();
  await expect(popup.getByRole('status')).toHaveText('Password set. Tweestap can now lock.', {
    timeout: 15_000,
  });
  expect((await vaultStatus(popup)).hasPassword).toBe(true);

  await popup.getByRole('button', { name: 'Back' }).click();
  await popup.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectLockScreen(popup);
  await popup.getByLabel('Password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(rowFor(popup, 'Via UI', 'ui')).toBeVisible({ timeout: 15_000 });
});
