import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  call,
  grantClipboard,
  oathtoolTotpWith,
  popupWith,
  randomSecret,
  readClipboard,
  rowFor,
} from './popup-helpers';

const secret = randomSecret();

/** Clicks the row (on its names, away from its buttons) until the copy lands inside one time step. */
async function copyRow(popup: Page, row: Locator, key: string): Promise<string> {
  let copied = '';
  await expect(async () => {
    const before = Math.floor(Date.now() / 1000);
    await row.locator('.row-names').click();
    copied = await readClipboard(popup);
    const after = Math.floor(Date.now() / 1000);
    expect(Math.floor(before / 30), 'copied inside one time step').toBe(Math.floor(after / 30));
    expect(copied).toBe(oathtoolTotpWith(key, before));
  }).toPass({ timeout: 20_000 });
  return copied;
}
const other = randomSecret();

test('clicking a row copies its code, says "Code copied", and the clipboard is cleared after the set delay', async ({
  context,
  openPopup,
}) => {
  await grantClipboard(context);
  const popup = await popupWith(openPopup, [
    { issuer: 'Copy Shop', label: 'clerk@copy.test', secret },
    { issuer: 'Other Place', label: 'someone@other.test', secret: other },
  ]);
  const settings = await call<{ clipboardClearSeconds: number }>(popup, 'settings.set', {
    patch: { clipboardClearSeconds: 2 },
  });
  expect(settings.clipboardClearSeconds).toBe(2);

  // Something else on the clipboard first, so a copy that silently fails cannot pass.
  await popup.evaluate(() => navigator.clipboard.writeText('not a code'));
  const row = rowFor(popup, 'Copy Shop', 'clerk@copy.test');

  const copied = await copyRow(popup, row, secret);
  // The clipboard holds the bare code, no grouping space.
  expect(copied).toMatch(/^\d{6}$/);
  await expect(popup.getByRole('status')).toHaveText('Code copied');

  // Cleared by the background (through its offscreen document) about two seconds later.
  await expect.poll(() => readClipboard(popup), { timeout: 12_000, intervals: [500] }).toBe('');
});

test('with clearing set to "never" the copied code stays on the clipboard', async ({
  context,
  openPopup,
}) => {
  await grantClipboard(context);
  const popup = await popupWith(openPopup, [{ issuer: 'Keep Shop', label: 'keeper@copy.test', secret }]);
  await call(popup, 'settings.set', { patch: { clipboardClearSeconds: 0 } });
  const row = rowFor(popup, 'Keep Shop', 'keeper@copy.test');
  const copied = await copyRow(popup, row, secret);
  await expect(popup.getByRole('status')).toHaveText('Code copied');
  // Nothing to poll for when checking that nothing happens: wait past the 2 s delay used above.
  await popup.waitForTimeout(4_000);
  expect(await readClipboard(popup)).toBe(copied);
});
