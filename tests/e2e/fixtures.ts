import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, test as base, type Worker } from '@playwright/test';
import { chromiumMissingMessage, chromiumPath } from './chromium-path';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';

// The demo site is plain JS shared with `npm start`; typed loosely here on purpose.
type DemoSite = { url: string; port: number; close(): Promise<void> };

export interface LaunchOptions {
  /** Chromium UI language (`--lang`), which chrome.i18n follows. */
  browserLang: string;
  colorScheme: 'light' | 'dark' | 'no-preference';
}

interface Fixtures {
  userDataDir: string;
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  openPopup: (options?: { width?: number; height?: number }) => Promise<Page>;
}

export async function launchWithExtension(
  userDataDir: string,
  { browserLang, colorScheme }: LaunchOptions,
): Promise<BrowserContext> {
  const missing = chromiumMissingMessage();
  if (missing) throw new Error(missing);
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme,
    locale: browserLang,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--enable-unsafe-extension-debugging',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${browserLang}`,
    ],
    env: { ...process.env, LANGUAGE: browserLang, LANG: browserLang === 'nl' ? 'nl_NL.UTF-8' : 'en_US.UTF-8' },
  });
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export const test = base.extend<Fixtures & Pick<LaunchOptions, 'browserLang'>, { demoSite: DemoSite }>({
  browserLang: ['en', { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring form.
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tweestap-profile-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ userDataDir, browserLang, colorScheme }, use) => {
    const context = await launchWithExtension(userDataDir, { browserLang, colorScheme: colorScheme ?? 'light' });
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async ({ width = 380, height = 600 } = {}) => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },
  demoSite: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring form.
    async ({}, use) => {
      const { startDemoSite } = await import('../fixtures/site/server.mjs');
      const site: DemoSite = await startDemoSite({ port: 0 });
      await use(site);
      await site.close();
    },
    { scope: 'worker' },
  ],
});

export const expect = test.expect;
