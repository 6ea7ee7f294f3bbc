import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { messagesFor, msg, popupWith, randomSecret, screenshot } from './popup-helpers';

test('the built manifest asks for unlimitedStorage, and the browser granted it', async ({ openPopup }) => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.permissions).toContain('unlimitedStorage');
  const page = await openPopup();
  const granted = await page.evaluate(() =>
    chrome.permissions.contains({ permissions: ['unlimitedStorage'] }),
  );
  expect(granted).toBe(true);
});

for (const lang of ['en', 'nl'] as const) {
  test.describe(lang, () => {
    test.use({ browserLang: lang });
    const m = messagesFor(lang);

    test(`Settings says the storage is protected (${lang})`, async ({ openPopup }, testInfo) => {
      const page = await popupWith(openPopup, [{ issuer: 'Bank', label: 'ann', secret: randomSecret() }], {
        tourDone: true,
      });
      await page.getByRole('button', { name: msg(m, 'settings'), exact: true }).click();
      const section = page.getByRole('region', { name: msg(m, 'storage_section') });
      await expect(section).toContainText(msg(m, 'storage_protected'));
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `${lang}-settings-storage`);
    });
  });
}
