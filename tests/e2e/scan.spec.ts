import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addAccounts, clickToolbarButton, DEMO_SECRET, sendFromPage } from './helpers';
import { oathtoolTotp } from './oathtool';
import { selectAreaOn } from './select-area';

type Scanned = {
  kind: string;
  status?: string;
  id?: string;
  askSite?: string;
  what?: string;
  host?: string;
  account?: { secret: string; issuer: string; label: string };
};
type ScanAnswer = {
  ok: boolean;
  value?: { site: string; sites: string[]; codes: Scanned[] };
  error?: { code: string };
};

/** Opens `path` as the visible tab, clicks the toolbar button (activeTab) and asks the background to scan it. */
async function scan(
  {
    context,
    launched,
    extensionId,
    openPopup,
  }: Pick<Parameters<Parameters<typeof test>[2]>[0], 'context' | 'launched' | 'extensionId' | 'openPopup'>,
  url: string,
  seed: Parameters<typeof addAccounts>[1] = [],
  { cpuSlowdown }: { cpuSlowdown?: number } = {},
): Promise<{ answer: ScanAnswer; controller: Page }> {
  const controller = await openPopup();
  await addAccounts(controller, seed);
  const page = await context.newPage();
  await page.goto(url);
  if (cpuSlowdown) {
    // The page-image reader runs in the page's renderer: slow that, as on a busy school laptop.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  await page.bringToFront();
  await clickToolbarButton(launched, page, extensionId);
  const target = await controller.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return { tabId: tab!.id!, windowId: tab!.windowId };
  }, url);
  return { answer: await sendFromPage<ScanAnswer>(controller, 'scan.tab', target), controller };
}

async function storedAccounts(controller: Page) {
  const listed = await sendFromPage<{
    value: { accounts: { id: string; secret: string; sites: string[] }[] };
  }>(controller, 'vault.list');
  return listed.value.accounts;
}

for (const variant of ['img', 'canvas', 'svg', 'dark', 'dialog', 'below-fold']) {
  test(`scan adds the lone set-up QR on a page (${variant}) with the right code and its site`, async ({
    context,
    launched,
    extensionId,
    openPopup,
    demoSite,
  }) => {
    const { answer, controller } = await scan(
      { context, launched, extensionId, openPopup },
      `${demoSite.url}/qr/${variant}`,
    );
    expect(answer.ok).toBe(true);
    expect(answer.value!.codes).toHaveLength(1);
    expect(answer.value!.codes[0]).toMatchObject({
      kind: 'account',
      status: 'added',
      account: { issuer: 'Demo School' },
    });
    const [stored] = await storedAccounts(controller);
    expect(stored).toMatchObject({ secret: DEMO_SECRET, sites: [demoSite.url] });
    // The popup shows the same code as oathtool for it.
    const popup = await openPopup();
    const code = popup
      .getByRole('listitem', { name: /Demo School/ })
      .locator('[data-testid="code"]')
      .first();
    await expect(async () => {
      const now = Math.floor(Date.now() / 1000);
      expect((await code.textContent())!.replace(/\D/g, '')).toBe(oathtoolTotp(DEMO_SECRET, now));
    }).toPass({ timeout: 10_000 });
  });
}

test("a look-alike page framing another origin's set-up page gets no link: the account waits for the user to say its site", async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const { answer, controller } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/frame-cross`,
  );
  expect(answer.ok).toBe(true);
  expect(answer.value!.codes).toEqual([
    expect.objectContaining({ kind: 'account', status: 'added', askSite: demoSite.url }),
  ]);
  const [stored] = await storedAccounts(controller);
  expect(stored).toMatchObject({ secret: DEMO_SECRET, sites: [] });
});

test("a QR in a frame of the page's own origin is linked to the page", async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const { answer, controller } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/frame-same`,
  );
  expect(answer.value!.codes[0]).toMatchObject({ kind: 'account', status: 'added' });
  expect(answer.value!.codes[0]!.askSite).toBeUndefined();
  expect((await storedAccounts(controller))[0]).toMatchObject({ secret: DEMO_SECRET, sites: [demoSite.url] });
});

test("a QR only the screen shows (another origin's frame) is still found beside the page's own picture", async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  // The page read finds the top picture but cannot look into the frame: it is not the whole answer,
  // so the scan must wait for the capture rather than finish on what the page read saw.
  const framed = `otpauth://totp/Framed:frame%40example.org?secret=${DEMO_SECRET}&issuer=Framed`;
  const own = 'otpauth://totp/Own:own%40example.org?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Own';
  const query = new URLSearchParams({ data: framed, scale: '4', top: own });
  const { answer } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/frame-png?${query}`,
  );
  expect(answer.ok).toBe(true);
  const codes = answer.value!.codes;
  expect(codes.map((code) => code.account?.issuer).sort()).toEqual(['Framed', 'Own']);
  // Only the page's own picture may be linked to it; the framed one waits for the user.
  expect(codes.find((code) => code.account?.issuer === 'Framed')!.askSite).toBe(demoSite.url);
  expect(codes.find((code) => code.account?.issuer === 'Own')!.askSite).toBeUndefined();
});

test('"Select the area" around a QR of the page itself links it to the page and asks nothing', async ({
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
    `${demoSite.url}/qr/img`,
  );
  expect(notice).toContain('Tweestap added 1 account from the area you chose.');
  expect(notice).not.toContain('which website');
  expect(await storedAccounts(controller)).toEqual([
    expect.objectContaining({ secret: DEMO_SECRET, sites: [demoSite.url] }),
  ]);
  expect(await sendFromPage(controller, 'scan.siteQuestion')).toEqual({ ok: true, value: null });
});

test('a QR below the fold is still found when the page runs 20 times slower (a busy, slow laptop)', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  // Off screen, so only the page-image reader can find it: its search must be bounded by work, not time.
  const { answer, controller } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/below-fold`,
    [],
    { cpuSlowdown: 20 },
  );
  expect(answer).toMatchObject({ ok: true });
  expect(answer.value!.codes[0]).toMatchObject({ kind: 'account', status: 'added' });
  expect((await storedAccounts(controller))[0]).toMatchObject({ secret: DEMO_SECRET });
});

test('two QR codes on a page are listed for the user to choose, none added yet', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const { answer, controller } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/two`,
  );
  expect(answer.value!.codes.map((c) => [c.kind, c.status])).toEqual([
    ['account', 'new'],
    ['account', 'new'],
  ]);
  expect(await storedAccounts(controller)).toEqual([]);
});

test('a QR that is a web link is named as such and nothing is added', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const { answer, controller } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/not-otp`,
  );
  expect(answer.value!.codes).toEqual([{ kind: 'other', what: 'web-link', host: 'example.org' }]);
  expect(await storedAccounts(controller)).toEqual([]);
});

test('a secret that is already stored is reported as a duplicate and not added again', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const seed = [{ issuer: 'Demo School', label: 'teacher@demo-school.test', secret: DEMO_SECRET }];
  const { answer, controller } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/img`,
    seed,
  );
  expect(answer.value!.codes[0]).toMatchObject({ kind: 'account', status: 'duplicate' });
  expect(await storedAccounts(controller)).toHaveLength(1);
});

test('a Google Authenticator transfer QR is recognised, not mistaken for anything else', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const { answer } = await scan(
    { context, launched, extensionId, openPopup },
    `${demoSite.url}/qr/migration`,
  );
  expect(answer.value!.codes).toEqual([{ kind: 'migration' }]);
});

test('a page with no QR code says so', async ({ context, launched, extensionId, openPopup, demoSite }) => {
  const { answer } = await scan({ context, launched, extensionId, openPopup }, `${demoSite.url}/qr/none`);
  expect(answer).toMatchObject({ ok: false, error: { code: 'no-qr' } });
});

test('a QR image (as pasted or picked) adds its account', async ({ openPopup, demoSite }) => {
  const controller = await openPopup();
  const link = `otpauth://totp/Paste%20Test:me?secret=${DEMO_SECRET}&issuer=Paste%20Test`;
  const png = await (
    await fetch(`${demoSite.url}/qr.png?data=${encodeURIComponent(link)}&scale=4`)
  ).arrayBuffer();
  const dataUrl = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const answer = await sendFromPage<ScanAnswer>(controller, 'scan.image', { dataUrl });
  expect(answer.value!.codes[0]).toMatchObject({
    kind: 'account',
    status: 'added',
    account: { issuer: 'Paste Test' },
  });
  const broken = await sendFromPage<ScanAnswer>(controller, 'scan.image', {
    dataUrl: 'data:image/png;base64,AAAA',
  });
  expect(broken).toMatchObject({ ok: false, error: { code: 'image-unreadable' } });
});
