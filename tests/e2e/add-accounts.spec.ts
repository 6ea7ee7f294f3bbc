import { expect, test } from './fixtures';
import { DEMO_SECRET, sendFromPage } from './helpers';
import { oathtoolTotp } from './oathtool';
import { RealPopup } from './real-popup';

const digits = (text: string) => text.replace(/\D/g, '');

test('"Scan QR code" in the real popup adds the lone QR on the page at once and shows its live code', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/setup`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.clickButton('Scan QR code');
  await popup.waitFor(
    'document.querySelector("[data-testid=code]") && document.body.innerText.includes("Added")',
  );
  const text = await popup.text();
  expect(text).toContain('Demo School');
  expect(text).toContain('teacher@demo-school.test');
  await expect(async () => {
    const now = Math.floor(Date.now() / 1000);
    const shown = await popup.evaluate<string>('document.querySelector("[data-testid=code]").textContent');
    expect(digits(shown)).toBe(oathtoolTotp(DEMO_SECRET, now));
  }).toPass({ timeout: 10_000 });
  // The site's next step: type the code. The demo site's set-up form accepts what Tweestap shows.
  await popup.clickButton('Fill in on this page');
  await page
    .getByRole('button', { name: /Turn on|Verify|Confirm/ })
    .first()
    .click();
  await expect(page.locator('#result')).toContainText('Two-step verification is on');

  const listed = await sendFromPage<{ value: { accounts: { sites: string[] }[] } }>(
    await openPopup(),
    'vault.list',
  );
  expect(listed.value.accounts).toHaveLength(1);
  expect(listed.value.accounts[0]!.sites).toEqual([demoSite.url]);
});

test('"Scan QR code" on a page with two QR codes lists both, and adds the one the user picks', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/qr/two`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.clickButton('Scan QR code');
  await popup.waitFor('document.body.innerText.includes("admin@demo-school.test")');
  // Both codes are "Demo School": pick the one whose account name is admin's.
  await popup.evaluate(`[...document.querySelectorAll('li')]
    .find((item) => item.innerText.includes('admin@demo-school.test'))
    .querySelector('button').click()`);
  await popup.waitFor('document.body.innerText.includes("Added")');
  const listed = await sendFromPage<{ value: { accounts: { label: string }[] } }>(
    await openPopup(),
    'vault.list',
  );
  expect(listed.value.accounts.map((a) => a.label)).toEqual(['admin@demo-school.test']);
});

test('"Scan QR code" on a page without a QR says so and offers to select the area', async ({
  context,
  launched,
  extensionId,
  demoSite,
}) => {
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/qr/none`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.clickButton('Scan QR code');
  await popup.waitFor('document.body.innerText.includes("No QR code found")');
  expect(await popup.text()).toContain('Select the area');
});

test('manual entry: a bad key is explained as you type, a good one adds the account', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Add manually' }).first().click();
  await popup.getByRole('textbox', { name: 'Issuer' }).fill('Zorgportaal');
  await popup.getByRole('textbox', { name: 'Account name' }).fill('verpleging');
  const key = popup.getByRole('textbox', { name: 'Setup key' });
  await key.fill('jbsw y3dp 1hpk');
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(popup.getByText(/“1”|"1"|1\b.*(not|niet)|character/i).first()).toBeVisible();
  await key.fill('jbsw y3dp ehpk 3pxp');
  await expect(key).not.toHaveAttribute('aria-invalid', 'true');
  await popup.getByRole('button', { name: 'Add account' }).click();
  const row = popup.getByRole('listitem', { name: /Zorgportaal.*verpleging/ });
  await expect(row).toBeVisible();
  await expect(async () => {
    const now = Math.floor(Date.now() / 1000);
    const shown = await row.locator('[data-testid="code"]').first().textContent();
    expect(digits(shown ?? '')).toBe(oathtoolTotp('JBSWY3DPEHPK3PXP', now));
  }).toPass({ timeout: 10_000 });
});
