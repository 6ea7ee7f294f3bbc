import type { BrowserContext, Page } from '@playwright/test';
import { startDemoSite } from '../fixtures/site/server.mjs';
import { expect, test } from './fixtures';
import { addAccounts, clickToolbarButton, DEMO_SECRET, sendFromPage } from './helpers';
import type { LaunchedBrowser } from './launch';
import { expectFilledTotp, oathtoolTotp } from './oathtool';
import { RealPopup } from './real-popup';

const account = (site: string) => ({
  issuer: 'Demo School',
  label: 'teacher@demo-school.test',
  secret: DEMO_SECRET,
  sites: [site],
});

test('"Fill in" in the real toolbar popup fills the page, and the server signs in', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const seeder = await openPopup();
  await addAccounts(seeder, [account(demoSite.url)]);
  await seeder.close();
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/login/verify`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.clickButton('Fill in the code for Demo School');
  await expectFilledTotp(page.locator('#otp'), DEMO_SECRET);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText('Signed in');
});

interface GestureFixtures {
  context: BrowserContext;
  launched: LaunchedBrowser;
  extensionId: string;
  openPopup: () => Promise<Page>;
  demoSite: { url: string };
}

/** The account is linked to 127.0.0.1; the same page served as localhost is another site. */
async function askOnLookalike({ context, launched, extensionId, openPopup, demoSite }: GestureFixtures) {
  const seeder = await openPopup();
  await addAccounts(seeder, [account(demoSite.url)]);
  await seeder.close();
  const lookalike = demoSite.url.replace('127.0.0.1', 'localhost');
  const page = await context.newPage();
  await page.goto(`${lookalike}/login/verify`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.clickButton('Fill in the code for Demo School');
  await popup.waitFor('document.querySelector("dialog[open]")');
  return { lookalike, page, popup };
}

test('on a lookalike site the popup warns, naming both sites, and fills nothing when the user says no', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const fixtures = { context, launched, extensionId, openPopup, demoSite };
  const { lookalike, page, popup } = await askOnLookalike(fixtures);
  const warning = await popup.evaluate<string>('document.querySelector("dialog[open]").innerText');
  expect(warning).toContain(new URL(fixtures.demoSite.url).host);
  expect(warning).toContain(new URL(lookalike).host);
  expect(warning).toMatch(/Fake login pages/);
  await popup.clickButton('Cancel', 'document.querySelector("dialog[open]")');
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
});

test('"Fill in and remember" on a lookalike site fills that page and links the account to it', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const fixtures = { context, launched, extensionId, openPopup, demoSite };
  const { lookalike, page, popup } = await askOnLookalike(fixtures);
  await popup.clickButton('Fill in and remember', 'document.querySelector("dialog[open]")');
  await expectFilledTotp(page.locator('#otp'), DEMO_SECRET);
  const listed = await sendFromPage<{ value: { accounts: { sites: string[] }[] } }>(
    await fixtures.openPopup(),
    'vault.list',
  );
  expect(listed.value.accounts[0]?.sites).toEqual([fixtures.demoSite.url, lookalike]);
});

test('the keyboard shortcut handler fills the focused page, as the browser calls it', async ({
  context,
  launched,
  extensionId,
  openPopup,
  serviceWorker,
  demoSite,
}) => {
  const seeder = await openPopup();
  await addAccounts(seeder, [account(demoSite.url)]);
  await seeder.close();
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/login/split`);
  // A real shortcut press grants activeTab; the toolbar click grants the same.
  await clickToolbarButton(launched, page, extensionId);
  await serviceWorker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    (
      globalThis as never as { tweestapGestures: { onFillCommand(c: string, t: unknown): void } }
    ).tweestapGestures.onFillCommand('fill-code', tab);
  }, page.url());
  const code = oathtoolTotp(DEMO_SECRET, Math.floor(Date.now() / 1000));
  await expect(page.locator('input.digit').last()).toHaveValue(code[5]!);
  await expect(page.locator('tweestap-notice')).toHaveCount(1);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText('Signed in');
});

test('the context-menu handler fills the frame it was opened on', async ({
  context,
  launched,
  extensionId,
  openPopup,
  serviceWorker,
  demoSite,
}) => {
  const seeder = await openPopup();
  await addAccounts(seeder, [account(demoSite.url)]);
  await seeder.close();
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/fill/frame-same`);
  await clickToolbarButton(launched, page, extensionId);
  await serviceWorker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    const frames = await chrome.scripting.executeScript({
      target: { tabId: tab!.id!, allFrames: true },
      func: () => location.pathname,
    });
    const frameId = frames.find((f) => f.result === '/login/verify')!.frameId;
    (
      globalThis as never as { tweestapGestures: { onFillMenuClicked(i: unknown, t: unknown): void } }
    ).tweestapGestures.onFillMenuClicked({ menuItemId: 'fill-code', frameId, editable: true }, tab);
  }, page.url());
  const frame = page.frameLocator('#login-frame');
  await expect(frame.locator('#otp')).toHaveValue(/^\d{6}$/);
  await frame.getByRole('button', { name: 'Verify' }).click();
  await expect(frame.locator('#result')).toHaveText('Signed in');
});

test('a site whose clock is 90 s ahead: the offset is found, and the corrected code signs in', async ({
  context,
  launched,
  extensionId,
  openPopup,
}) => {
  const skewed = await startDemoSite({ port: 0, clockSkewSeconds: 90 });
  try {
    const controller = await openPopup();
    await addAccounts(controller, [account(skewed.url)]);
    const page = await context.newPage();
    await page.goto(`${skewed.url}/login/verify`);
    await clickToolbarButton(launched, page, extensionId);
    const tabId = await controller.evaluate(
      async (url) => (await chrome.tabs.query({ url }))[0]?.id,
      page.url(),
    );
    const answer = await sendFromPage<{ value: { status: string; clockCorrectedMs?: number } }>(
      controller,
      'fill.tab',
      {
        tabId,
      },
    );
    expect(answer.value.status).toBe('filled');
    expect(Math.abs((answer.value.clockCorrectedMs ?? 0) - 90_000)).toBeLessThanOrEqual(2_000);
    const uncorrected = oathtoolTotp(DEMO_SECRET, Math.floor(Date.now() / 1000));
    await expect(page.locator('#otp')).not.toHaveValue(uncorrected);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.locator('#result')).toHaveText('Signed in');
    // The popup's own codes use the same correction.
    const listed = await sendFromPage<{ value: { clockOffsets: Record<string, number> } }>(
      controller,
      'vault.list',
    );
    const [id] = Object.keys(listed.value.clockOffsets);
    expect(Math.abs((listed.value.clockOffsets[id!] ?? 0) - 90_000)).toBeLessThanOrEqual(2_000);
  } finally {
    await skewed.close();
  }
});
