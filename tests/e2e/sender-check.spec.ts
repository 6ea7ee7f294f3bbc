import { expect, test } from './fixtures';
import { addAccounts, clickToolbarButton, DEMO_SECRET, sendFromContentScript } from './helpers';

test('a content script asking for the account list or a vault change is refused; its own codes are not', async ({
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
    {
      issuer: 'Elsewhere',
      label: 'someone',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      sites: ['https://other.example'],
    },
  ]);
  await popup.close();

  const page = await context.newPage();
  const tabUrl = `${demoSite.url}/login/verify`;
  await page.goto(tabUrl);
  await clickToolbarButton(launched, page, extensionId);

  const [list, exported, add, own] = await sendFromContentScript(serviceWorker, tabUrl, [
    { name: 'vault.list' },
    { name: 'vault.export' },
    {
      name: 'vault.add',
      request: { account: { type: 'totp', issuer: 'x', label: 'y', secret: 'AAAAAAAA' } },
    },
    { name: 'code.forFrame' },
  ]);
  const answers = { list, exported, add, own };

  expect(answers.list).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  expect(answers.exported).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  expect(answers.add).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  expect(answers.own).toMatchObject({ ok: true, value: { codes: [{ issuer: 'Demo School' }] } });
  const ownText = JSON.stringify(own);
  expect(ownText).not.toContain(DEMO_SECRET);
  expect(ownText).not.toContain('Elsewhere');
  expect(ownText).toMatch(/"code":"\d{6}"/);
});
