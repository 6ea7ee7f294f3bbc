import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { StoredAccount } from '../../src/core/account';
import { EXTENSION_ID, expect, extensionWorker, test } from './fixtures';
import { addAccounts } from './helpers';
import { launchWithExtension } from './launch';
import {
  call,
  expectLiveCode,
  listAccounts,
  messagesFor,
  msg,
  oathtoolTotpWith,
  randomSecret,
  rowFor,
  screenshot,
} from './popup-helpers';

/**
 * Two computers of one user, as two Chromium profiles with no browser account. The test plays the
 * sync engine: it copies one profile's `storage.sync` into the other through each service worker.
 */
const PASSPHRASE = 'staff room laptop and home computer';
const en = messagesFor('en');

type SyncItems = Record<string, unknown>;

const readSync = (worker: Worker) =>
  worker.evaluate(() => chrome.storage.sync.get(null)) as Promise<SyncItems>;

async function copySync(from: Worker, to: Worker): Promise<SyncItems> {
  const items = await readSync(from);
  await to.evaluate((all) => chrome.storage.sync.set(all), items);
  return items;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: msg(en, 'settings'), exact: true }).click();
  await expect(page.getByRole('heading', { name: msg(en, 'sync_title') })).toBeVisible();
}

async function popupIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  return page;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

/** Every text, as UTF-8 and as UTF-16 (IndexedDB's LevelDB keeps strings either way). */
function hitsIn(haystack: Buffer, texts: string[]): string[] {
  return texts.filter(
    (text) => haystack.includes(Buffer.from(text, 'utf8')) || haystack.includes(Buffer.from(text, 'utf16le')),
  );
}

const ACCOUNTS = [
  { issuer: 'Staffroom Mail', label: 'j.devries@school.example', secret: randomSecret() },
  { issuer: 'Pupil Tracker', label: 'jdevries', secret: randomSecret() },
  { issuer: 'Care Rota', label: 'j.devries@zorg.example', secret: randomSecret() },
];

test('two computers: A turns sync on, B unlocks it with the passphrase, edits travel both ways, and only ciphertext is synced', async ({
  openPopup,
  serviceWorker,
}, testInfo) => {
  test.setTimeout(180_000);
  const a = await openPopup();
  await addAccounts(a, ACCOUNTS);
  await call(a, 'settings.set', { patch: { tourDone: true } });
  await a.reload();
  await openSettings(a);
  await a.getByRole('switch', { name: 'Sync with my other computers' }).check();
  await a.getByLabel('Sync passphrase', { exact: true }).fill(PASSPHRASE);
  await a.getByLabel('Confirm sync passphrase', { exact: true }).fill(PASSPHRASE);
  await a.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(a.getByText('3 accounts synced.')).toBeVisible({ timeout: 30_000 });
  await expect(a.getByRole('switch', { name: 'Sync with my other computers' })).toBeChecked();
  await a.getByRole('heading', { name: msg(en, 'sync_title') }).scrollIntoViewIfNeeded();
  await screenshot(a, testInfo, 'sync-on-en');

  const synced = await readSync(serviceWorker);
  expect(Object.keys(synced).sort()).toContain('tw.h');
  const secretsAndNames = ACCOUNTS.flatMap(({ issuer, label, secret }) => [issuer, label, secret]);
  expect(hitsIn(Buffer.from(JSON.stringify(synced)), secretsAndNames), 'plaintext in the sync area').toEqual(
    [],
  );

  const dirB = mkdtempSync(join(tmpdir(), 'tweestap-profile-b-'));
  const b = await launchWithExtension(dirB);
  try {
    const workerB = await extensionWorker(b.context);
    await copySync(serviceWorker, workerB);
    const popupB = await popupIn(b.context);
    await call(popupB, 'settings.set', { patch: { tourDone: true } });
    await popupB.reload();
    await openSettings(popupB);
    const box = popupB.getByLabel('Sync passphrase', { exact: true });
    await expect(box).toBeVisible({ timeout: 15_000 });
    await box.scrollIntoViewIfNeeded();
    await screenshot(popupB, testInfo, 'sync-found-en');

    // A wrong passphrase changes nothing: no account here, the synced data as it was.
    await box.fill('not the passphrase at all');
    await popupB.getByRole('button', { name: 'Unlock sync' }).click();
    await expect(popupB.getByRole('alert').filter({ hasText: 'not the sync passphrase' })).toBeVisible({
      timeout: 30_000,
    });
    expect(await listAccounts(popupB)).toEqual([]);
    expect(await readSync(workerB)).toEqual(synced);

    await box.fill(PASSPHRASE);
    await popupB.getByRole('button', { name: 'Unlock sync' }).click();
    await expect(popupB.getByText('3 accounts synced.')).toBeVisible({ timeout: 30_000 });
    await popupB.getByRole('button', { name: msg(en, 'back') }).click();
    for (const { issuer, label, secret } of ACCOUNTS) {
      const row = rowFor(popupB, issuer, label);
      await expect(row).toBeVisible({ timeout: 15_000 });
      await expectLiveCode(row, (now) => oathtoolTotpWith(secret, now));
    }

    // An edit on B reaches A's open popup once the sync engine brings it.
    await a.getByRole('button', { name: msg(en, 'back') }).click();
    const onB = (await listAccounts(popupB)).find((account) => account.issuer === 'Pupil Tracker')!;
    await call<StoredAccount>(popupB, 'vault.update', {
      id: onB.id,
      revision: onB.revision,
      patch: { label: 'j.devries' },
    });
    await expect
      .poll(async () => JSON.stringify(await readSync(workerB)), { timeout: 30_000 })
      .not.toBe(JSON.stringify(synced));
    const fromB = await copySync(workerB, serviceWorker);
    const moved = rowFor(a, 'Pupil Tracker', 'j.devries');
    await expect(moved).toBeVisible({ timeout: 30_000 });
    await expectLiveCode(moved, (now) => oathtoolTotpWith(ACCOUNTS[1]!.secret, now));
    expect((await listAccounts(a)).map((account) => account.label).sort()).toEqual(
      ['j.devries', 'j.devries@school.example', 'j.devries@zorg.example'].sort(),
    );
    expect(hitsIn(Buffer.from(JSON.stringify(fromB)), [...secretsAndNames, 'j.devries'])).toEqual([]);

    await popupB.close();
  } finally {
    await b.close();
  }
  const onDisk = filesUnder(dirB).map((file) => readFileSync(file));
  const found = new Set(onDisk.flatMap((bytes) => hitsIn(bytes, [...secretsAndNames, 'j.devries'])));
  rmSync(dirB, { recursive: true, force: true });
  expect([...found], "secrets or names in B's profile files").toEqual([]);
});

test('damaged synced data skips only what it held and never removes an account here', async ({
  openPopup,
  serviceWorker,
}) => {
  const page = await openPopup();
  await addAccounts(page, ACCOUNTS);
  await call(page, 'settings.set', { patch: { tourDone: true } });
  await call(page, 'sync.enable', { passphrase: PASSPHRASE });
  const items = await readSync(serviceWorker);
  const damaged = Object.fromEntries(
    Object.entries(items).map(([key, value]) =>
      key.startsWith('tw.b') && typeof value === 'string' && value.length > 40
        ? [key, `${value.slice(0, 30)}${value.slice(31)}`]
        : [key, value],
    ),
  );
  await serviceWorker.evaluate((all) => chrome.storage.sync.set(all), damaged);
  await call(page, 'sync.now');
  await page.reload();
  await openSettings(page);
  await expect(page.getByText(msg(en, 'sync_damaged'))).toBeVisible({ timeout: 15_000 });
  expect((await listAccounts(page)).map((account) => account.secret).sort()).toEqual(
    ACCOUNTS.map((account) => account.secret).sort(),
  );
});

test.describe('Dutch, dark', () => {
  test.use({ browserLang: 'nl', scheme: 'dark' });

  test('turning sync on reads well in Dutch and passes axe in dark mode', async ({ openPopup }, testInfo) => {
    const nl = messagesFor('nl');
    const page = await openPopup();
    await addAccounts(page, [ACCOUNTS[0]!]);
    await call(page, 'settings.set', { patch: { tourDone: true } });
    await page.reload();
    await page.getByRole('button', { name: msg(nl, 'settings'), exact: true }).click();
    await page.getByRole('switch', { name: msg(nl, 'sync_toggle') }).check();
    await page.getByLabel(msg(nl, 'sync_passphrase'), { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(msg(nl, 'sync_passphrase_confirm'), { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: msg(nl, 'sync_turn_on') }).scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, 'sync-off-nl-dark');
    await page.getByRole('button', { name: msg(nl, 'sync_turn_on') }).click();
    await expect(page.getByText('1 account gesynchroniseerd.')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('heading', { name: msg(nl, 'sync_title') }).scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, 'sync-on-nl-dark');
  });
});
