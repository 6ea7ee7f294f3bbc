import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContext, chromium } from '@playwright/test';
import { chromiumMissingMessage, chromiumPath } from './chromium-path';
import { CPU_SLOWDOWN, slowDownEveryPage } from './slowdown';

export const EXTENSION_DIR = resolve(
  process.env.TWEESTAP_OUT_DIR ?? resolve(import.meta.dirname, '../../.output'),
  'chrome-mv3',
);

export interface LaunchOptions {
  /** Chromium UI language (`--lang`), which chrome.i18n follows. */
  browserLang?: string;
  colorScheme?: 'light' | 'dark';
  extensionDir?: string;
  extraArgs?: string[];
  /** Policy-installed runs must not pass flags that disable extensions or their update checks. */
  loadUnpacked?: boolean;
}

export interface LaunchedBrowser {
  browser: Browser;
  context: BrowserContext;
  process: ChildProcess;
  close(): Promise<void>;
}

/**
 * We start Chromium ourselves and connect over CDP, rather than launchPersistentContext, because only a
 * browser-level CDP session may call Extensions.triggerAction (the real toolbar click that grants activeTab).
 */
export async function launchWithExtension(
  userDataDir: string,
  options: LaunchOptions = {},
): Promise<LaunchedBrowser> {
  const missing = chromiumMissingMessage();
  if (missing) throw new Error(missing);
  const {
    browserLang = 'en',
    colorScheme = 'light',
    extensionDir = EXTENSION_DIR,
    loadUnpacked = true,
  } = options;
  const args = [
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-port=0',
    '--headless=new',
    '--enable-unsafe-extension-debugging',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-features=Translate,MediaRouter',
    '--window-size=1280,900',
    `--lang=${browserLang}`,
    ...(loadUnpacked
      ? [
          `--disable-extensions-except=${extensionDir}`,
          `--load-extension=${extensionDir}`,
          '--disable-background-networking',
        ]
      : []),
    ...(colorScheme === 'dark' ? ['--force-dark-mode'] : []),
    ...(options.extraArgs ?? []),
    'about:blank',
  ];
  const child = spawn(chromiumPath(), args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      LANGUAGE: browserLang,
      LANG: browserLang === 'nl' ? 'nl_NL.UTF-8' : 'en_US.UTF-8',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const portFile = join(userDataDir, 'DevToolsActivePort');
  const deadline = Date.now() + 20_000;
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Chromium did not start (exit ${child.exitCode}).\n${stderr}`);
    }
    await sleep(50);
  }
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0]!;
  await slowDownEveryPage(browser, CPU_SLOWDOWN);
  return {
    browser,
    context,
    process: child,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      // Browser.close shuts Chromium down cleanly (profile flushed); disconnecting alone would leave it running.
      const cdp = await browser.newBrowserCDPSession().catch(() => undefined);
      await Promise.race([cdp?.send('Browser.close').catch(() => undefined), sleep(3000)]);
      await browser.close().catch(() => undefined);
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(2000)]);
      }
    },
  };
}
