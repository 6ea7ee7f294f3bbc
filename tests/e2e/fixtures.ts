import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { type LaunchedBrowser, launchWithExtension } from './launch';

export { EXTENSION_DIR } from './launch';
export const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';

type DemoSite = { url: string; port: number; close(): Promise<void> };

interface Fixtures {
  browserLang: string;
  scheme: 'light' | 'dark';
  /** More Chromium flags, e.g. `--host-resolver-rules` to serve the demo site under another host name. */
  browserArgs: string[];
  userDataDir: string;
  launched: LaunchedBrowser;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** The popup page opened as a tab: fine for UI tests, not for anything that needs activeTab. */
  openPopup: (options?: { width?: number; height?: number }) => Promise<Page>;
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((worker) => worker.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker'));
}

export const test = base.extend<Fixtures, { demoSite: DemoSite }>({
  browserLang: ['en', { option: true }],
  scheme: ['light', { option: true }],
  browserArgs: [[], { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring form.
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tweestap-profile-'));
    await use(dir);
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (error) {
      // A leftover temp profile is no test failure; the OS cleans /tmp.
      console.warn(`Could not remove ${dir}: ${error}`);
    }
  },
  launched: async ({ userDataDir, browserLang, scheme, browserArgs }, use) => {
    const launched = await launchWithExtension(userDataDir, {
      browserLang,
      colorScheme: scheme,
      extraArgs: browserArgs,
    });
    await use(launched);
    await launched.close();
  },
  context: async ({ launched }, use) => {
    await use(launched.context);
  },
  serviceWorker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openPopup: async ({ context, extensionId, scheme }, use) => {
    await use(async ({ width = 380, height = 600 } = {}) => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
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
