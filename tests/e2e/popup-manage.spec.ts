import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { listAccounts, oathtoolHotp, popupWith, randomSecret, rowFor, shownCode } from './popup-helpers';

const rowNames = (page: Page) =>
  page.getByRole('listitem').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));

async function openMenu(page: Page, name: string) {
  await page.getByRole('button', { name: `More options for ${name}` }).click();
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  return menu;
}

test('edit changes issuer, account name and sites, on screen and in the vault', async ({ openPopup }) => {
  const popup = await popupWith(openPopup, [
    { issuer: 'Old Name', label: 'old@example.test', secret: randomSecret(), sites: ['old.example'] },
  ]);
  const [before] = await listAccounts(popup);

  await (await openMenu(popup, 'Old Name')).getByRole('menuitem', { name: 'Edit' }).click();
  await expect(popup.getByRole('heading', { name: 'Edit account' })).toBeVisible();
  const issuer = popup.getByRole('textbox', { name: 'Issuer' });
  await expect(issuer).toHaveValue('Old Name');
  await expect(popup.getByRole('textbox', { name: 'Account name' })).toHaveValue('old@example.test');
  await expect(popup.getByRole('textbox', { name: 'Websites (one per line)' })).toHaveValue('old.example');

  await issuer.fill('  New Name  ');
  await popup.getByRole('textbox', { name: 'Account name' }).fill('new@example.test');
  await popup
    .getByRole('textbox', { name: 'Websites (one per line)' })
    .fill('new.example\nhttps://login.new.example/path\n');
  await popup.getByRole('button', { name: 'Save' }).click();

  await expect(popup.getByRole('status')).toHaveText('Saved');
  await expect(rowFor(popup, 'New Name', 'new@example.test')).toBeVisible();
  await expect(rowFor(popup, 'Old Name')).toHaveCount(0);

  const [after] = await listAccounts(popup);
  expect(after).toMatchObject({
    id: before!.id,
    issuer: 'New Name',
    label: 'new@example.test',
    sites: ['new.example', 'https://login.new.example'],
    secret: before!.secret,
  });
  expect(after!.revision).toBeGreaterThan(before!.revision);

  // Kept after a fresh open, and searchable by the new site.
  await popup.reload();
  await expect(rowFor(popup, 'New Name', 'new@example.test')).toBeVisible();
  await popup.getByRole('searchbox', { name: 'Search' }).fill('login.new');
  await expect(rowFor(popup, 'New Name', 'new@example.test')).toBeVisible();
});

test('edit refuses a bad site and an empty name, and Cancel changes nothing', async ({ openPopup }) => {
  const popup = await popupWith(openPopup, [
    { issuer: 'Stay', label: 'same@example.test', secret: randomSecret() },
  ]);
  const [before] = await listAccounts(popup);
  await (await openMenu(popup, 'Stay')).getByRole('menuitem', { name: 'Edit' }).click();

  await popup.getByRole('textbox', { name: 'Websites (one per line)' }).fill('not a site');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(popup.getByRole('alert')).toHaveText(
    '“not a site” is not a website address. Write it like school.nl.',
  );

  await popup.getByRole('textbox', { name: 'Websites (one per line)' }).fill('');
  await popup.getByRole('textbox', { name: 'Issuer' }).fill('');
  await popup.getByRole('textbox', { name: 'Account name' }).fill(' ');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(popup.getByRole('alert')).toHaveText(
    'Give the account an issuer or a name, so you can find it.',
  );

  await popup.getByRole('button', { name: 'Cancel' }).click();
  await expect(rowFor(popup, 'Stay', 'same@example.test')).toBeVisible();
  expect((await listAccounts(popup))[0]).toEqual(before);
});

test('pin puts an account first and keeps it there; unpin puts it back', async ({ openPopup }) => {
  const popup = await popupWith(openPopup, [
    { issuer: 'Alpha', label: 'a', secret: randomSecret() },
    { issuer: 'Bravo', label: 'b', secret: randomSecret() },
    { issuer: 'Charlie', label: 'c', secret: randomSecret() },
  ]);
  expect(await rowNames(popup)).toEqual(['Alpha, a', 'Bravo, b', 'Charlie, c']);

  await (await openMenu(popup, 'Charlie')).getByRole('menuitem', { name: 'Pin to top' }).click();
  await expect.poll(() => rowNames(popup)).toEqual(['Charlie, c, Pinned', 'Alpha, a', 'Bravo, b']);
  expect((await listAccounts(popup)).find((a) => a.issuer === 'Charlie')?.pinned).toBe(true);
  // The pinned row keeps focus, so the keyboard user is not lost.
  await expect(rowFor(popup, 'Charlie')).toBeFocused();

  await popup.reload();
  await expect.poll(() => rowNames(popup)).toEqual(['Charlie, c, Pinned', 'Alpha, a', 'Bravo, b']);

  await (await openMenu(popup, 'Charlie')).getByRole('menuitem', { name: 'Unpin' }).click();
  await expect.poll(() => rowNames(popup)).toEqual(['Alpha, a', 'Bravo, b', 'Charlie, c']);
  expect((await listAccounts(popup)).find((a) => a.issuer === 'Charlie')?.pinned).toBe(false);
});

test('delete asks first; Cancel keeps it; Undo within 10 s brings it back for real', async ({
  openPopup,
}) => {
  const popup = await popupWith(openPopup, [
    { issuer: 'Keep Me', label: 'k', secret: randomSecret() },
    { issuer: 'Doomed', label: 'd@example.test', secret: randomSecret(), sites: ['doomed.example'] },
  ]);
  const original = (await listAccounts(popup)).find((a) => a.issuer === 'Doomed')!;

  // Cancel: nothing happens.
  await (await openMenu(popup, 'Doomed')).getByRole('menuitem', { name: 'Delete…' }).click();
  const dialog = popup.getByRole('dialog', { name: 'Delete this account?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Tweestap will no longer show codes for Doomed.');
  // Cancel has focus: deleting takes a deliberate second step.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rowFor(popup, 'Doomed')).toBeVisible();
  expect(await listAccounts(popup)).toHaveLength(2);

  // Escape cancels too.
  await (await openMenu(popup, 'Doomed')).getByRole('menuitem', { name: 'Delete…' }).click();
  await expect(dialog).toBeVisible();
  await popup.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(await listAccounts(popup)).toHaveLength(2);

  // Delete, then Undo.
  await (await openMenu(popup, 'Doomed')).getByRole('menuitem', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(rowFor(popup, 'Doomed')).toHaveCount(0);
  const toast = popup.getByRole('status');
  await expect(toast).toContainText('Deleted Doomed');
  expect((await listAccounts(popup)).map((a) => a.issuer)).toEqual(['Keep Me']);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toContainText('Doomed is back');
  await expect(rowFor(popup, 'Doomed', 'd@example.test')).toBeVisible();
  const restored = (await listAccounts(popup)).find((a) => a.issuer === 'Doomed');
  expect(restored).toMatchObject({
    id: original.id,
    label: original.label,
    secret: original.secret,
    sites: original.sites,
  });

  // And after a fresh open.
  await popup.reload();
  await expect(rowFor(popup, 'Doomed', 'd@example.test')).toBeVisible();
});

test('a deletion without Undo is really gone once the Undo offer has passed', async ({ openPopup }) => {
  const popup = await popupWith(openPopup, [
    { issuer: 'Keep Me', label: 'k', secret: randomSecret() },
    { issuer: 'Gone', label: 'g', secret: randomSecret() },
  ]);
  await (await openMenu(popup, 'Gone')).getByRole('menuitem', { name: 'Delete…' }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  const undo = popup.getByRole('status').getByRole('button', { name: 'Undo' });
  await expect(undo).toBeVisible();
  // A pointer resting on the toast keeps it open on purpose; move away and let it expire (10 s).
  await popup.mouse.move(5, 5);
  await expect(undo).toHaveCount(0, { timeout: 20_000 });

  expect((await listAccounts(popup)).map((a) => a.issuer)).toEqual(['Keep Me']);
  await popup.reload();
  await expect(rowFor(popup, 'Keep Me')).toBeVisible();
  await expect(rowFor(popup, 'Gone')).toHaveCount(0);
});

test('HOTP "Next code" moves the counter, saves it and shows the next code', async ({ openPopup }) => {
  const secret = randomSecret();
  const start = 41;
  const popup = await popupWith(openPopup, [
    { type: 'hotp', issuer: 'Counter', label: 'hotp@example.test', secret, counter: start },
  ]);
  const row = rowFor(popup, 'Counter', 'hotp@example.test');
  expect(await shownCode(row)).toBe(oathtoolHotp(secret, start));

  await row.getByRole('button', { name: 'Next code' }).click();
  await expect.poll(() => shownCode(row)).toBe(oathtoolHotp(secret, start + 1));
  await expect.poll(async () => (await listAccounts(popup))[0]?.counter).toBe(start + 1);

  await row.getByRole('button', { name: 'Next code' }).click();
  await expect.poll(() => shownCode(row)).toBe(oathtoolHotp(secret, start + 2));
  await expect.poll(async () => (await listAccounts(popup))[0]?.counter).toBe(start + 2);

  await popup.reload();
  expect(await shownCode(rowFor(popup, 'Counter', 'hotp@example.test'))).toBe(
    oathtoolHotp(secret, start + 2),
  );
});
