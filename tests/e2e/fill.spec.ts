import type { BrowserContext, Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { addAccounts, clickToolbarButton, DEMO_SECRET, sendFromPage, type TestAccount } from './helpers';
import type { LaunchedBrowser } from './launch';
import { expectFilledTotp, oathtoolTotp } from './oathtool';

const SECOND_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

type Outcome = { status: string; [key: string]: unknown };

/** Opens `path` on the demo site, clicks the toolbar button (activeTab), and fills from an extension page. */
interface FillFixtures {
  context: BrowserContext;
  launched: LaunchedBrowser;
  extensionId: string;
  openPopup: () => Promise<Page>;
}

async function fillOn(
  { context, launched, extensionId, openPopup }: FillFixtures,
  url: string,
  accounts: TestAccount[],
  request: { accountId?: string; linkSite?: { site: string; documentId?: string } } = {},
): Promise<{ page: Page; outcome: Outcome; controller: Page }> {
  const controller = await openPopup();
  await addAccounts(controller, accounts);
  const page = await context.newPage();
  await page.goto(url);
  await clickToolbarButton(launched, page, extensionId);
  const tabId = await controller.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, url);
  const answer = await sendFromPage<{ ok: boolean; value: Outcome }>(controller, 'fill.tab', {
    tabId,
    ...request,
  });
  expect(answer.ok).toBe(true);
  return { page, outcome: answer.value, controller };
}

type FillOn = (
  url: string,
  accounts: TestAccount[],
  request?: { accountId?: string; linkSite?: { site: string; documentId?: string } },
) => Promise<{ page: Page; outcome: Outcome; controller: Page }>;

const test = base.extend<{ fillOn: FillOn }>({
  fillOn: async ({ context, launched, extensionId, openPopup }, use) => {
    await use((url, accounts, request) =>
      fillOn({ context, launched, extensionId, openPopup }, url, accounts, request),
    );
  },
});

const linked = (site: string, secret = DEMO_SECRET, label = 'teacher@demo-school.test'): TestAccount => ({
  issuer: 'Demo School',
  label,
  secret,
  sites: [site],
});

test('fills a single one-time-code field, and the server accepts the code', async ({ fillOn, demoSite }) => {
  const url = `${demoSite.url}/login/verify`;
  const { page, outcome } = await fillOn(url, [linked(demoSite.url)]);
  expect(outcome).toMatchObject({ status: 'filled', account: { issuer: 'Demo School' } });
  await expectFilledTotp(page.locator('#otp'), DEMO_SECRET);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText('Signed in');
});

test('fills six split boxes, and the server accepts the code', async ({ fillOn, demoSite }) => {
  const { page, outcome } = await fillOn(`${demoSite.url}/login/split`, [linked(demoSite.url)]);
  expect(outcome.status).toBe('filled');
  const code = oathtoolTotp(DEMO_SECRET, Math.floor(Date.now() / 1000));
  for (let i = 0; i < 6; i++) await expect(page.locator('input.digit').nth(i)).toHaveValue(code[i]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText('Signed in');
});

test('fills a framework-controlled input that only accepts typed input (Preact)', async ({
  fillOn,
  demoSite,
}) => {
  const { page, outcome } = await fillOn(`${demoSite.url}/fill/preact`, [linked(demoSite.url)]);
  expect(outcome.status).toBe('filled');
  // The button enables only when the component's state holds six digits.
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText('Signed in');
});

test('fills a field inside an open shadow root', async ({ fillOn, demoSite }) => {
  const { page, outcome } = await fillOn(`${demoSite.url}/fill/shadow`, [linked(demoSite.url)]);
  expect(outcome.status).toBe('filled');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText('Signed in');
});

test('fills a field in a same-origin frame', async ({ fillOn, demoSite }) => {
  const { page, outcome } = await fillOn(`${demoSite.url}/fill/frame-same`, [linked(demoSite.url)]);
  expect(outcome.status).toBe('filled');
  const frame = page.frameLocator('#login-frame');
  await frame.getByRole('button', { name: 'Verify' }).click();
  await expect(frame.locator('#result')).toHaveText('Signed in');
});

test('never fills a cross-origin frame for an account linked only to the top page', async ({
  fillOn,
  demoSite,
}) => {
  const { page, outcome } = await fillOn(`${demoSite.url}/fill/frame-cross`, [linked(demoSite.url)]);
  expect(outcome.status).not.toBe('filled');
  await expect(page.frameLocator('#login-frame').locator('#otp')).toHaveValue('');
});

test('a lookalike origin gets no code: nothing matches, and a chosen account needs confirmation naming both sites', async ({
  fillOn,
  demoSite,
}) => {
  // The account belongs to 127.0.0.1; the same page served as localhost is another site.
  const lookalike = demoSite.url.replace('127.0.0.1', 'localhost');
  const { page, outcome, controller } = await fillOn(`${lookalike}/login/verify`, [linked(demoSite.url)]);
  expect(outcome).toMatchObject({ status: 'no-account', site: lookalike });
  await expect(page.locator('#otp')).toHaveValue('');

  const listed = await sendFromPage<{ value: { accounts: { id: string }[] } }>(controller, 'vault.list');
  const tabId = await controller.evaluate(
    async (url) => (await chrome.tabs.query({ url }))[0]?.id,
    page.url(),
  );
  const chosen = await sendFromPage<{ value: Outcome }>(controller, 'fill.tab', {
    tabId,
    accountId: listed.value.accounts[0]!.id,
  });
  expect(chosen.value).toMatchObject({
    status: 'confirm-site',
    site: lookalike,
    accountSites: [demoSite.url],
  });
  await expect(page.locator('#otp')).toHaveValue('');
});

test('several accounts for the site: the choice lists exactly those', async ({ fillOn, demoSite }) => {
  const { outcome } = await fillOn(`${demoSite.url}/login/verify`, [
    linked(demoSite.url),
    linked(demoSite.url, SECOND_SECRET, 'admin@demo-school.test'),
    { issuer: 'Elsewhere', label: 'x', secret: 'MFRGGZDFMZTWQ2LK', sites: ['https://elsewhere.example'] },
  ]);
  expect(outcome.status).toBe('choose');
  const labels = (outcome.accounts as { label: string }[]).map((a) => a.label).sort();
  expect(labels).toEqual(['admin@demo-school.test', 'teacher@demo-school.test']);
});

test('no code field: the code is copied instead', async ({ fillOn, demoSite, context }) => {
  const { page, outcome } = await fillOn(`${demoSite.url}/fill/none`, [linked(demoSite.url)]);
  expect(outcome).toMatchObject({ status: 'copied', reason: 'no-field' });
  await context.grantPermissions(['clipboard-read'], { origin: demoSite.url });
  await page.bringToFront();
  const pasted = await page.evaluate(() => navigator.clipboard.readText());
  expect(pasted).toBe(oathtoolTotp(DEMO_SECRET, Math.floor(Date.now() / 1000)));
});
