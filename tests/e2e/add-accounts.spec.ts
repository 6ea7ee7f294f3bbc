import type { Page } from '@playwright/test';
import { startDemoSite } from '../fixtures/site/server.mjs';
import { expect, test } from './fixtures';
import { DEMO_SECRET, sendFromPage } from './helpers';
import { oathtoolTotp } from './oathtool';
import { RealPopup } from './real-popup';
import { selectAreaOn } from './select-area';

const digits = (text: string) => text.replace(/\D/g, '');

const QUESTION = 'Which website is this for?';

async function storedSites(page: Page) {
  const listed = await sendFromPage<{ value: { accounts: { sites: string[] }[] } }>(page, 'vault.list');
  return listed.value.accounts.map((account) => account.sites);
}

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

test('after "Scan QR code" on a site whose clock is 90 s ahead, the first code shown is the one that site accepts', async ({
  context,
  launched,
  extensionId,
}) => {
  const skewed = await startDemoSite({ port: 0, clockSkewSeconds: 90 });
  try {
    const page = await context.newPage();
    await page.goto(`${skewed.url}/setup`);
    const popup = await RealPopup.open(launched, page, extensionId);
    await popup.clickButton('Scan QR code');
    await popup.waitFor(
      'document.querySelector("[data-testid=code]") && document.body.innerText.includes("Added")',
    );
    // Read while the page was scanned: no Fill is needed first for the code to be right.
    await expect(async () => {
      const siteNow = Math.floor(Date.now() / 1000) + 90;
      const shown = await popup.evaluate<string>('document.querySelector("[data-testid=code]").textContent');
      expect(digits(shown)).toBe(oathtoolTotp(DEMO_SECRET, siteNow));
    }).toPass({ timeout: 10_000 });
  } finally {
    await skewed.close();
  }
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

test('"Scan QR code" on a page framing another site\'s set-up asks which website it is for; "Not now" leaves it unlinked', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const controller = await openPopup();
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/qr/frame-cross`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.clickButton('Scan QR code');
  await popup.waitFor(`document.body.innerText.includes(${JSON.stringify(QUESTION)})`);
  // Offered, not decided: the tab's site is in the box, and nothing is linked until the user says so.
  const field = 'document.querySelector("form input")';
  expect(await popup.evaluate(`${field}.value`)).toBe(demoSite.url);
  expect(
    await popup.evaluate(`document.getElementById(${field}.getAttribute("aria-describedby")).textContent`),
  ).toContain('so a look-alike site can’t get it');
  expect(await popup.text()).toContain('Demo School');
  expect(await storedSites(controller)).toEqual([[]]);
  await popup.clickButton('Not now');
  await popup.waitFor(`!document.body.innerText.includes(${JSON.stringify(QUESTION)})`);
  expect(await storedSites(controller)).toEqual([[]]);
});

test('"Select the area" on a framed set-up page says to open Tweestap, which then asks and links the site', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const controller = await openPopup();
  const { notice } = await selectAreaOn(
    { context, launched, extensionId },
    controller,
    `${demoSite.url}/qr/frame-cross`,
  );
  expect(notice).toContain('Open Tweestap to say which website it is for');
  expect(await storedSites(controller)).toEqual([[]]);

  const popup = await openPopup();
  const question = popup.getByRole('form', { name: QUESTION });
  await expect(question.getByRole('heading', { name: QUESTION })).toBeVisible();
  const field = question.getByRole('textbox', { name: 'Website address' });
  await expect(field).toHaveValue(demoSite.url);
  await expect(field).toHaveAccessibleDescription(/look-alike site/);
  await question.getByRole('button', { name: 'Link website' }).click();
  await expect(question).toHaveCount(0);
  await expect(popup.getByRole('status').filter({ hasText: `Linked to ${demoSite.url}` })).toBeVisible();
  expect(await storedSites(controller)).toEqual([[demoSite.url]]);
  // Asked once: the next popup opens on the list.
  const again = await openPopup();
  await expect(again.getByRole('listitem', { name: /Demo School/ })).toBeVisible();
  await expect(again.getByRole('form', { name: QUESTION })).toHaveCount(0);
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
