import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { popupWith, randomSecret } from './popup-helpers';

const ACCOUNTS = [
  { issuer: 'GitHub', label: 'alice@example.test', secret: randomSecret(), sites: ['github.com'] },
  { issuer: 'Bank Zuid', label: 'bob@bank.test', secret: randomSecret(), sites: ['mijnbank.nl'] },
  { issuer: 'Zoë School', label: 'carol', secret: randomSecret(), sites: ['https://login.school.test'] },
];

const rowNames = (page: Page) =>
  page
    .getByRole('listitem')
    .evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? '').split(', ')[0]));

test('search filters by issuer, account name and site; clearing restores all', async ({ openPopup }) => {
  const popup = await popupWith(openPopup, ACCOUNTS);
  const search = popup.getByRole('searchbox', { name: 'Search' });
  await expect(search).toBeVisible();
  expect(await rowNames(popup)).toEqual(['GitHub', 'Bank Zuid', 'Zoë School']);

  const cases: [string, string[]][] = [
    ['bank', ['Bank Zuid']], // issuer, any case
    ['carol', ['Zoë School']], // account name
    ['alice@', ['GitHub']],
    ['mijnbank', ['Bank Zuid']], // only in its sites
    ['login.school', ['Zoë School']], // the host of a stored origin
    ['zoe', ['Zoë School']], // accents do not matter
    ['school carol', ['Zoë School']], // every word, any order
    ['.test', ['GitHub', 'Bank Zuid', 'Zoë School']],
  ];
  for (const [query, expected] of cases) {
    await search.fill(query);
    await expect.poll(() => rowNames(popup), { message: `search "${query}"` }).toEqual(expected);
  }

  await search.fill('nothing-like-this');
  await expect(popup.getByRole('listitem')).toHaveCount(0);
  await expect(popup.getByText('No accounts match “nothing-like-this”.')).toBeVisible();

  await search.fill('');
  await expect.poll(() => rowNames(popup)).toEqual(['GitHub', 'Bank Zuid', 'Zoë School']);

  // Escape in the box clears it as well.
  await search.fill('github');
  await expect.poll(() => rowNames(popup)).toEqual(['GitHub']);
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect.poll(() => rowNames(popup)).toEqual(['GitHub', 'Bank Zuid', 'Zoë School']);
});

test('typing a printable character anywhere focuses the search box and searches', async ({ openPopup }) => {
  const popup = await popupWith(openPopup, ACCOUNTS);
  const search = popup.getByRole('searchbox', { name: 'Search' });

  // From the page itself (nothing focused).
  await popup.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect(search).not.toBeFocused();
  await popup.keyboard.type('bank');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('bank');
  await expect.poll(() => rowNames(popup)).toEqual(['Bank Zuid']);
  await search.fill('');

  // From a focused row (rows take arrows and Enter, letters go to the search box).
  const row = popup.getByRole('listitem', { name: /^GitHub/ });
  await row.focus();
  await expect(row).toBeFocused();
  await popup.keyboard.type('car');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('car');
  await expect.poll(() => rowNames(popup)).toEqual(['Zoë School']);

  // From a header button.
  await search.fill('');
  await popup.getByRole('button', { name: 'Settings' }).focus();
  await popup.keyboard.press('g');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('g');
});
