import type { Page } from '@playwright/test';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { addAccounts } from './helpers';
import { call, type Messages, messagesFor, msg, randomSecret } from './popup-helpers';

const en = messagesFor('en');
const KEYS = new Set(Object.keys(en));
/**
 * t() shows the key itself when chrome.i18n has no message: a key used in code but missing from every
 * messages.json is not in KEYS, so anything shaped like one (snake_case, an underscore) counts too.
 */
const KEY_SHAPED = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

interface Finding {
  where: string;
  value: string;
}

/** Every string the page shows or speaks: text nodes, innerText lines and the naming attributes. */
async function strings(page: Page): Promise<{ texts: Finding[]; unnamed: string[] }> {
  return page.evaluate(() => {
    const texts: { where: string; value: string }[] = [];
    const nameOf = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const value = (node.nodeValue ?? '').trim();
      if (value) texts.push({ where: `text in ${nameOf(node.parentElement!)}`, value });
    }
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a reader sees it, is the point.
    for (const line of document.body.innerText.split('\n')) {
      if (line.trim()) texts.push({ where: 'innerText', value: line.trim() });
    }
    texts.push({ where: 'document.title', value: document.title.trim() });
    const unnamed: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'aria-roledescription', 'alt']) {
        const value = el.getAttribute(attr);
        if (value === null) continue;
        // title="" and alt="" legitimately mean "no tooltip" / "decorative"; an empty name does not.
        if (!value.trim() && (attr === 'title' || attr === 'alt')) continue;
        if (!value.trim()) unnamed.push(`${nameOf(el)} has an empty ${attr}`);
        else texts.push({ where: `${attr} of ${nameOf(el)}`, value: value.trim() });
      }
    }
    // Things that must be named: their text, or a label for icon-only buttons.
    const mustBeNamed = 'button, a, h1, h2, label, summary, option, [role="menuitem"], [role="img"], input';
    for (const el of document.querySelectorAll(mustBeNamed)) {
      if (el instanceof HTMLInputElement) {
        if (el.type === 'hidden') continue;
        const labelled =
          el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        if (!labelled) unnamed.push(`${nameOf(el)} has no label`);
        continue;
      }
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      const labelledBy = el.getAttribute('aria-labelledby');
      if (!name && !labelledBy) unnamed.push(`${nameOf(el)} has no name`);
    }
    return { texts, unnamed };
  });
}

/**
 * No raw message keys or `__MSG_` placeholders, no empty names, no stray `$1`; and in a translated
 * locale no English message where the translation differs (chrome.i18n falls back to English).
 * Every screen walked this way is also checked with axe-core (WCAG 2.2 A/AA).
 */
async function expectAllTranslated(page: Page, lang: string, screen: string) {
  expect(await axeViolations(page), `${screen}: axe`).toEqual([]);
  const { texts, unnamed } = await strings(page);
  expect(texts.length, `${screen}: found some text`).toBeGreaterThan(3);
  expect(unnamed, `${screen}: elements without a name`).toEqual([]);
  const raw = texts.filter(
    ({ value }) =>
      KEYS.has(value) || KEY_SHAPED.test(value) || value.includes('__MSG_') || /\$\d/.test(value),
  );
  expect(raw, `${screen}: raw message keys`).toEqual([]);
  if (lang !== 'en') {
    const local = messagesFor(lang);
    const english = new Map<string, string>();
    for (const [key, { message }] of Object.entries(en)) {
      if (!message.includes('$') && local[key]?.message !== message) english.set(message, key);
    }
    const leaked = texts.filter(({ value }) => english.has(value));
    expect(leaked, `${screen}: English where ${lang} has its own text`).toEqual([]);
  }
}

async function walkAllScreens(page: Page, lang: string, m: Messages) {
  await expect(page.getByRole('heading', { name: msg(m, 'tour_title') })).toBeVisible();
  await expectAllTranslated(page, lang, 'tour');
  await page.getByRole('button', { name: msg(m, 'tour_done') }).click();
  await expect(page.getByRole('heading', { name: msg(m, 'empty_title') })).toBeVisible();
  await expectAllTranslated(page, lang, 'empty state');

  await page.getByRole('button', { name: msg(m, 'add_manually'), exact: true }).click();
  await expect(page.getByRole('heading', { name: msg(m, 'add_title') })).toBeVisible();
  await page.getByText(msg(m, 'advanced'), { exact: true }).click();
  await expectAllTranslated(page, lang, 'add manually');
  await page.getByRole('button', { name: msg(m, 'back'), exact: true }).click();

  await addAccounts(page, [
    { issuer: 'Schoolportaal', label: 'leerling@example.test', secret: randomSecret() },
    { type: 'hotp', issuer: 'Teller', label: 'hotp', secret: randomSecret() },
    { type: 'steam', issuer: 'Steam', label: 'gamer', secret: randomSecret(), digits: 5 },
  ]);
  await page.reload();
  await expect(page.getByRole('listitem')).toHaveCount(3);
  await expectAllTranslated(page, lang, 'list');

  await page.getByRole('button', { name: msg(m, 'more_for').replace('$1', 'Schoolportaal') }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await expectAllTranslated(page, lang, 'row menu');
  await page.getByRole('menuitem', { name: msg(m, 'menu_delete') }).click();
  await expect(page.getByRole('dialog', { name: msg(m, 'delete_title') })).toBeVisible();
  await expectAllTranslated(page, lang, 'delete dialog');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: msg(m, 'cancel') })
    .click();

  await page.getByRole('button', { name: msg(m, 'more_for').replace('$1', 'Schoolportaal') }).click();
  await page.getByRole('menuitem', { name: msg(m, 'menu_edit') }).click();
  await expect(page.getByRole('heading', { name: msg(m, 'edit_title') })).toBeVisible();
  await page.getByRole('button', { name: msg(m, 'recovery_show') }).click();
  await expectAllTranslated(page, lang, 'edit');
  await page.getByRole('button', { name: msg(m, 'back'), exact: true }).click();

  await page.getByRole('searchbox', { name: msg(m, 'search') }).fill('zzz');
  await expect(page.getByText(msg(m, 'no_results').replace('$1', 'zzz'))).toBeVisible();
  await expectAllTranslated(page, lang, 'no results');
  await page.getByRole('searchbox', { name: msg(m, 'search') }).fill('');

  await page.getByRole('button', { name: msg(m, 'settings'), exact: true }).click();
  await expect(page.getByRole('heading', { name: msg(m, 'security_section') })).toBeVisible();
  await expectAllTranslated(page, lang, 'settings without password');
  await page.getByRole('button', { name: msg(m, 'back'), exact: true }).click();

  await call(page, 'vault.setPassword', { newPassword: 'correct horse battery staple' });
  await page.reload();
  await page.getByRole('button', { name: msg(m, 'settings'), exact: true }).click();
  await expect(page.getByText(msg(m, 'password_is_set'))).toBeVisible();
  for (const summary of [msg(m, 'password_change'), msg(m, 'password_remove')]) {
    await page.locator('summary', { hasText: summary }).click();
  }
  await expectAllTranslated(page, lang, 'settings with password');
  await page.getByRole('button', { name: msg(m, 'back'), exact: true }).click();

  await page.getByRole('button', { name: msg(m, 'lock'), exact: true }).click();
  await expect(page.getByRole('heading', { name: msg(m, 'locked_title') })).toBeVisible();
  await expectAllTranslated(page, lang, 'lock screen');
  await page.getByLabel(msg(m, 'password')).fill('wrong password');
  await page.getByRole('button', { name: msg(m, 'unlock') }).click();
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expectAllTranslated(page, lang, 'lock screen with error');
}

test.describe('English', () => {
  test.use({ browserLang: 'en' });

  test('every screen is in English with no raw keys or empty names', async ({ openPopup }) => {
    const page = await openPopup();
    await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
    await walkAllScreens(page, 'en', en);
  });
});

test.describe('Dutch', () => {
  test.use({ browserLang: 'nl' });
  const nl = messagesFor('nl');

  test('the header, search box and copy message are in Dutch', async ({ openPopup }) => {
    const page = await openPopup();
    await addAccounts(page, [{ issuer: 'Schoolportaal', label: 'leerling', secret: randomSecret() }]);
    await page.reload();
    // <html lang> follows the messages shown, not getUILanguage() (which says en-US here).
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    const expected = {
      scan_qr: 'QR-code scannen',
      add_manually: 'Handmatig toevoegen',
      import: 'Importeren',
      settings: 'Instellingen',
      lock: 'Vergrendelen',
    };
    for (const [key, name] of Object.entries(expected)) {
      expect(msg(nl, key), `nl messages.json ${key}`).toBe(name);
      await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    }
    for (const english of ['Scan QR code', 'Add manually', 'Import', 'Settings', 'Lock']) {
      await expect(page.getByRole('button', { name: english, exact: true })).toHaveCount(0);
    }
    const search = page.getByRole('searchbox', { name: 'Zoeken', exact: true });
    await expect(search).toBeVisible();
    await expect(search).toHaveAttribute('placeholder', msg(nl, 'search_placeholder'));

    await page
      .getByRole('listitem', { name: /^Schoolportaal, leerling/ })
      .locator('.row-names')
      .click();
    await expect(page.getByRole('status')).toHaveText(msg(nl, 'copied'));
  });

  test('every screen is in Dutch with no raw keys, English leftovers or empty names', async ({
    openPopup,
  }) => {
    const page = await openPopup();
    await walkAllScreens(page, 'nl', nl);
  });
});

test.describe('Dutch, dark', () => {
  test.use({ browserLang: 'nl', scheme: 'dark' });

  test('every screen in dark mode passes the same checks, contrast included', async ({ openPopup }) => {
    const page = await openPopup();
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    await walkAllScreens(page, 'nl', messagesFor('nl'));
  });
});
