import { expect, test } from './fixtures';
import {
  grantClipboard,
  oathtoolTotpWith,
  popupWith,
  randomSecret,
  readClipboard,
  rowFor,
} from './popup-helpers';

const secrets = [randomSecret(), randomSecret(), randomSecret()];

test('arrow keys move focus across rows; Enter on a focused row copies its code', async ({
  context,
  openPopup,
}) => {
  await grantClipboard(context);
  const popup = await popupWith(openPopup, [
    { issuer: 'First', label: 'one', secret: secrets[0]! },
    { issuer: 'Second', label: 'two', secret: secrets[1]! },
    { issuer: 'Third', label: 'three', secret: secrets[2]! },
  ]);
  const search = popup.getByRole('searchbox', { name: 'Search' });
  const rows = [
    rowFor(popup, 'First', 'one'),
    rowFor(popup, 'Second', 'two'),
    rowFor(popup, 'Third', 'three'),
  ];

  // From the search box, Arrow Down enters the list.
  await search.focus();
  await popup.keyboard.press('ArrowDown');
  await expect(rows[0]!).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await expect(rows[1]!).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await expect(rows[2]!).toBeFocused();
  // The last row stays put.
  await popup.keyboard.press('ArrowDown');
  await expect(rows[2]!).toBeFocused();
  await popup.keyboard.press('ArrowUp');
  await expect(rows[1]!).toBeFocused();
  await popup.keyboard.press('Home');
  await expect(rows[0]!).toBeFocused();
  await popup.keyboard.press('End');
  await expect(rows[2]!).toBeFocused();
  await popup.keyboard.press('ArrowUp');
  await popup.keyboard.press('ArrowUp');
  await expect(rows[0]!).toBeFocused();
  // Arrow Up on the first row goes back to the search box.
  await popup.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();

  // Only the focused row is in the Tab order (roving tabindex).
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('ArrowDown');
  await expect(rows[1]!).toBeFocused();
  await expect(rows[1]!).toHaveAttribute('tabindex', '0');
  await expect(rows[0]!).toHaveAttribute('tabindex', '-1');
  await expect(rows[2]!).toHaveAttribute('tabindex', '-1');

  await popup.evaluate(() => navigator.clipboard.writeText('not a code'));
  await expect(async () => {
    await rows[1]!.focus();
    const before = Math.floor(Date.now() / 1000);
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('status')).toHaveText('Code copied');
    const copied = await readClipboard(popup);
    const after = Math.floor(Date.now() / 1000);
    expect(Math.floor(before / 30), 'copied inside one time step').toBe(Math.floor(after / 30));
    expect(copied).toBe(oathtoolTotpWith(secrets[1]!, before));
  }).toPass({ timeout: 20_000 });
});

test('Enter in the search box copies the first match', async ({ context, openPopup }) => {
  await grantClipboard(context);
  const popup = await popupWith(openPopup, [
    { issuer: 'First', label: 'one', secret: secrets[0]! },
    { issuer: 'Second', label: 'two', secret: secrets[1]! },
  ]);
  const search = popup.getByRole('searchbox', { name: 'Search' });
  await popup.evaluate(() => navigator.clipboard.writeText('not a code'));
  await expect(async () => {
    await search.fill('second');
    await expect(popup.getByRole('listitem')).toHaveCount(1);
    const before = Math.floor(Date.now() / 1000);
    await search.press('Enter');
    await expect(popup.getByRole('status')).toHaveText('Code copied');
    const copied = await readClipboard(popup);
    const after = Math.floor(Date.now() / 1000);
    expect(Math.floor(before / 30)).toBe(Math.floor(after / 30));
    expect(copied).toBe(oathtoolTotpWith(secrets[1]!, before));
  }).toPass({ timeout: 20_000 });
});
