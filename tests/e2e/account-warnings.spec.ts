import { expect, test } from './fixtures';
import { listAccounts, screenshot } from './popup-helpers';
import { RealPopup } from './real-popup';

/** 8 base32 characters: a 40-bit key, as tutorials hand out. Allowed, but worth a warning. */
const SHORT_SECRET = 'JBSWY3DP';

test('the add form warns about a 40-bit key before saving, and still saves it', async ({
  openPopup,
}, testInfo) => {
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Add manually' }).first().click();
  await popup.getByRole('textbox', { name: 'Issuer' }).fill('Oefensite');
  await popup.getByRole('textbox', { name: 'Setup key' }).fill(SHORT_SECRET.toLowerCase());
  await expect(popup.getByText('This setup key is short: 40 bits')).toBeVisible();
  await screenshot(popup, testInfo, 'en-add-short-key');
  await popup.getByRole('button', { name: 'Add account' }).click();
  await expect(popup.getByRole('listitem', { name: /Oefensite/ })).toBeVisible();
  expect((await listAccounts(popup)).map((a) => a.secret)).toEqual([SHORT_SECRET]);
});

test('a pasted link with a two-day period fills the form with a warning about it', async ({
  openPopup,
}, testInfo) => {
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Add manually' }).first().click();
  const link = 'otpauth://totp/Oefensite:ann?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=172800';
  await popup.getByRole('textbox', { name: 'Issuer' }).evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, link);
  await expect(popup.getByText('This code changes only once every 48 hours')).toBeVisible();
  await expect(popup.getByText('This setup key is short')).toHaveCount(0);
  await popup.getByText('This code changes only once every 48 hours').scrollIntoViewIfNeeded();
  await screenshot(popup, testInfo, 'en-add-long-period');
});

test('a scanned QR code with a 40-bit key and a right-to-left override: the added screen warns, the name is clean', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  const page = await context.newPage();
  // U+202E would show "moc.knab" as "bank.com".
  const issuer = encodeURIComponent('\u202emoc.knab');
  await page.goto(`${demoSite.url}/setup?secret=${SHORT_SECRET}&issuer=${issuer}&label=ann`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.clickButton('Scan QR code');
  await popup.waitFor(
    'document.querySelector("[data-testid=code]") && document.body.innerText.includes("Added")',
  );
  const text = await popup.text();
  expect(text).toContain('This setup key is short: 40 bits');
  expect(text).toContain('moc.knab');
  expect(text).not.toContain('\u202e');
  const [stored] = await listAccounts(await openPopup());
  expect(stored).toMatchObject({ issuer: 'moc.knab', label: 'ann', secret: SHORT_SECRET });
});
