import { expect, test } from './fixtures';
import { addAccounts, clickToolbarButton, DEMO_SECRET, sendFromContentScript, sendFromPage } from './helpers';

test('a content script is refused every message: the list, a vault change, a scan, a fill', async ({
  context,
  launched,
  extensionId,
  serviceWorker,
  demoSite,
  openPopup,
}) => {
  const popup = await openPopup();
  await addAccounts(popup, [
    { issuer: 'Demo School', label: 'teacher@demo-school.test', secret: DEMO_SECRET, sites: [demoSite.url] },
  ]);

  const page = await context.newPage();
  const tabUrl = `${demoSite.url}/login/verify`;
  await page.goto(tabUrl);
  await clickToolbarButton(launched, page, extensionId);

  const answers = await sendFromContentScript(serviceWorker, tabUrl, [
    { name: 'vault.list' },
    {
      name: 'vault.add',
      request: {
        account: {
          type: 'totp',
          issuer: 'x',
          label: 'y',
          secret: 'AAAAAAAA',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
        },
      },
    },
    { name: 'vault.removePassword', request: { currentPassword: '' } },
    { name: 'settings.set', request: { patch: { autoSubmit: true } } },
    { name: 'scan.tab', request: { tabId: 1, windowId: 1 } },
    { name: 'fill.tab', request: { tabId: 1 } },
  ]);
  expect(answers).toHaveLength(6);
  for (const answer of answers)
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  expect(JSON.stringify(answers)).not.toContain(DEMO_SECRET);
  expect(await sendFromPage(popup, 'vault.list')).toMatchObject({
    ok: true,
    value: { accounts: [{ issuer: 'Demo School' }] },
  });
});

test('a malformed request from our own page is refused as bad-request and changes nothing', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  const malformed = [
    ['vault.add', { account: { issuer: 'No secret' } }],
    ['vault.update', { id: 42, revision: 'one', patch: {} }],
    ['settings.set', { patch: { autoLockMinutes: 'never' } }],
    ['fill.tab', { tabId: -1 }],
  ] as const;
  for (const [name, request] of malformed) {
    const answer = await popup.evaluate(
      ([name, request]) => chrome.runtime.sendMessage({ tweestap: 1, name, request }),
      [name, request] as const,
    );
    expect(answer, name).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  }
  expect(await sendFromPage(popup, 'vault.list')).toMatchObject({ ok: true, value: { accounts: [] } });
  expect(await sendFromPage(popup, 'settings.get')).toMatchObject({
    ok: true,
    value: { autoLockMinutes: 15 },
  });
});
