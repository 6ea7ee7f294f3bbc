import type { Page } from '@playwright/test';
import { startDemoSite } from '../fixtures/site/server.mjs';
import { expect, test } from './fixtures';
import { addAccounts, clickToolbarButton, DEMO_SECRET, sendFromPage } from './helpers';
import type { LaunchedBrowser } from './launch';
import { expectFilledTotp } from './oathtool';

type Outcome = { status: string; clockCorrectedMs?: number; clockFar?: boolean };
type Listed = { value: { accounts: { id: string; issuer: string }[]; clockOffsets: Record<string, number> } };

const OTHER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function fillTab(launched: LaunchedBrowser, controller: Page, page: Page, extensionId: string) {
  await clickToolbarButton(launched, page, extensionId);
  const tabId = await controller.evaluate(
    async (url) => (await chrome.tabs.query({ url }))[0]?.id,
    page.url(),
  );
  return (await sendFromPage<{ value: Outcome }>(controller, 'fill.tab', { tabId })).value;
}

const offsetsByIssuer = async (controller: Page) => {
  const listed = await sendFromPage<Listed>(controller, 'vault.list');
  return Object.fromEntries(listed.value.accounts.map((a) => [a.issuer, listed.value.clockOffsets[a.id]]));
};

test('a site that says it is 1 January 1970 moves no code: not its own, not another site’s', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  // The server's clock sits at the epoch, so every Date header it sends is 1 Jan 1970.
  const epoch = await startDemoSite({ port: 0, clockSkewSeconds: -Math.floor(Date.now() / 1000) });
  try {
    const controller = await openPopup();
    await addAccounts(controller, [
      { issuer: 'Trusted', label: 'me', secret: OTHER_SECRET, sites: [demoSite.url] },
    ]);
    const page = await context.newPage();
    await page.goto(`${epoch.url}/login/verify`);

    // No account for this site: nothing is filled and nothing is learnt from its clock.
    expect(await fillTab(launched, controller, page, extensionId)).toMatchObject({ status: 'no-account' });
    expect(await offsetsByIssuer(controller)).toEqual({ Trusted: 0 });

    // Its own account: filled with this computer's time, and the user hears the site's clock is off.
    await addAccounts(controller, [
      { issuer: 'Epoch', label: 'me', secret: DEMO_SECRET, sites: [epoch.url] },
    ]);
    const outcome = await fillTab(launched, controller, page, extensionId);
    expect(outcome).toMatchObject({ status: 'filled', clockFar: true });
    expect(outcome.clockCorrectedMs).toBeUndefined();
    await expectFilledTotp(page.locator('#otp'), DEMO_SECRET);
    expect(await offsetsByIssuer(controller)).toEqual({ Trusted: 0, Epoch: 0 });
  } finally {
    await epoch.close();
  }
});

test('a site 90 s ahead corrects only its own account, and its clock is read from its root without cookies', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const requests: { method: string; path: string; cookie: string }[] = [];
  const skewed = await startDemoSite({ port: 0, clockSkewSeconds: 90, onRequest: (r) => requests.push(r) });
  try {
    const controller = await openPopup();
    await addAccounts(controller, [
      { issuer: 'Skewed', label: 'me', secret: DEMO_SECRET, sites: [skewed.url] },
      { issuer: 'Trusted', label: 'me', secret: OTHER_SECRET, sites: [demoSite.url] },
    ]);
    const page = await context.newPage();
    await context.addCookies([{ name: 'session', value: 'secret-session', url: skewed.url }]);
    // A one-time link: asking for this URL again would use it up.
    await page.goto(`${skewed.url}/login/verify?magic=once`);
    requests.length = 0;

    const outcome = await fillTab(launched, controller, page, extensionId);
    expect(outcome.status).toBe('filled');
    expect(Math.abs((outcome.clockCorrectedMs ?? 0) - 90_000)).toBeLessThanOrEqual(2_000);
    const offsets = await offsetsByIssuer(controller);
    expect(Math.abs((offsets.Skewed ?? 0) - 90_000)).toBeLessThanOrEqual(2_000);
    expect(offsets.Trusted).toBe(0);

    expect(requests.filter((r) => r.path.includes('magic'))).toEqual([]);
    expect(requests).toEqual([{ method: 'HEAD', path: '/', cookie: '' }]);
  } finally {
    await skewed.close();
  }
});
