// Popup start-up in real Chromium: navigation start to every visible code painted, with N accounts,
// with the worker awake and asleep, each beside its floor: a static page with the same rows.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from '../../tests/e2e/launch.ts';
import { type Spread, spread } from './stats.ts';

const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const ORIGIN = `chrome-extension://${EXTENSION_ID}`;
const POPUP = `${ORIGIN}/popup.html`;
/** Only in the copy the benchmark loads, never in the store build. */
const FLOOR = `${ORIGIN}/bench-floor.html`;
const RUNS = 9;
const MARK = 'tweestap:codes-painted';

async function seed(page: Page, count: number): Promise<void> {
  await page.evaluate(async (count) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const secret = () =>
      Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join('');
    const accounts = Array.from({ length: count }, (_, i) => ({
      type: 'totp',
      issuer: `Issuer ${i}`,
      label: `user${i}@example.org`,
      secret: secret(),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      sites: [`https://login${i}.example.org`],
    }));
    // One transaction, as an import does: thousands of single adds would take minutes.
    const answer = await chrome.runtime.sendMessage({
      tweestap: 1,
      name: 'import.commit',
      request: { accounts },
    });
    if (!answer.ok) throw new Error(`seeding failed: ${JSON.stringify(answer)}`);
  }, count);
}

/** Where the popup's start went: its own marks (boot.ts), by name, in ms since navigation start. */
export const phases: Record<string, number[]> = {};

async function markTime(page: Page, url: string, phase?: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
    timeout: 20_000,
  });
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      ...Object.fromEntries(
        performance.getEntriesByType('mark').map((m) => [m.name.replace('tweestap:', ''), m.startTime]),
      ),
      'html-loaded': nav.responseEnd,
      'dom-interactive': nav.domInteractive,
    } as Record<string, number>;
  });
  if (phase)
    for (const [name, at] of Object.entries(marks)) {
      const key = `${phase}: ${name}`;
      phases[key] = [...(phases[key] ?? []), at];
    }
  return marks['codes-painted']!;
}

/**
 * The floor: the popup's own painted list saved as static HTML with the same stylesheet, and one
 * script that sets the same mark in the same frame callback. Nothing is computed, fetched or rendered.
 */
async function writeFloor(page: Page, dir: string): Promise<void> {
  const html = await page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of clone.querySelectorAll('script, link[rel="modulepreload"]')) script.remove();
    return `<!doctype html>\n${clone.outerHTML.replace('</body>', '<script src="/bench-floor.js"></script></body>')}`;
  });
  writeFileSync(join(dir, 'bench-floor.html'), html);
  writeFileSync(
    join(dir, 'bench-floor.js'),
    `requestAnimationFrame(() => performance.mark(${JSON.stringify(MARK)}));\n`,
  );
}

/** As after 30 s idle: no page of ours open, the worker stopped (CDP, asked from a web page). */
async function putToSleep(context: BrowserContext, blank: Page): Promise<void> {
  for (const page of context.pages()) if (page.url().startsWith(ORIGIN)) await page.close();
  const cdp = await context.newCDPSession(blank);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  // The extension's renderer exits once nothing of ours is left in it; give it the moment it takes.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function openPopupPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  // A step that hangs fails the run instead of stalling it.
  page.setDefaultTimeout(20_000);
  await page.setViewportSize({ width: 380, height: 600 });
  return page;
}

interface Case {
  popup: Spread;
  floor: Spread;
  ratio: number;
}

function compare(popup: number[], floor: number[]): Case {
  const p = spread(popup);
  const f = spread(floor);
  return { popup: p, floor: f, ratio: Math.round((p.median / f.median) * 100) / 100 };
}

/** Search keystrokes at 5,000 accounts: keydown to the list's commit, and frames lost while scrolling. */
async function interaction(page: Page) {
  const search = page.getByRole('searchbox').first();
  await search.focus();
  const keystrokes: number[] = [];
  for (const key of 'issuer 4999') {
    // The input event, the render it causes (Preact renders in a microtask) and the layout after it.
    const ms = await page.evaluate(async (key) => {
      const box = document.activeElement as HTMLInputElement;
      const started = performance.now();
      box.value += key;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, data: key, inputType: 'insertText' }));
      await new Promise((resolve) => setTimeout(resolve));
      void document.body.offsetHeight;
      return performance.now() - started;
    }, key);
    keystrokes.push(ms);
  }
  await search.fill('');
  await page.waitForTimeout(300);
  // Scroll the whole list at a steady pace, one step per frame, and count the frames that came late.
  const frames = await page.evaluate(
    () =>
      new Promise<{ frames: number; late: number; worstMs: number }>((resolve) => {
        const scroller = [...document.querySelectorAll<HTMLElement>('*')].find(
          (e) => e.scrollHeight > e.clientHeight + 100 && getComputedStyle(e).overflowY !== 'visible',
        )!;
        const intervals: number[] = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          intervals.push(now - last);
          last = now;
          scroller.scrollTop += 120;
          if (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1)
            requestAnimationFrame(step);
          else
            resolve({
              frames: intervals.length,
              late: intervals.slice(1).filter((ms) => ms > 1.5 * (1000 / 60)).length,
              worstMs: Math.round(Math.max(...intervals.slice(1)) * 10) / 10,
            });
        };
        requestAnimationFrame(step);
      }),
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return {
    keystrokeMs: spread(keystrokes),
    scroll: frames,
    heapMB: Math.round((heap.usedSize / 1024 / 1024) * 100) / 100,
  };
}

/** Unlock as the user meets it: the vault.unlock round trip with the real Argon2id settings, in Chromium. */
async function unlockTimes(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const ask = (name: string, request: object = {}) =>
      chrome.runtime.sendMessage({ tweestap: 1, name, request });
    const password = 'correct horse battery staple';
    const set = await ask('vault.setPassword', { newPassword: password });
    if (!set.ok) throw new Error(JSON.stringify(set));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await ask('vault.lock');
      const started = performance.now();
      const unlocked = await ask('vault.unlock', { password });
      if (!unlocked.ok) throw new Error(JSON.stringify(unlocked));
      times.push(performance.now() - started);
    }
    await ask('vault.removePassword', { currentPassword: password });
    return times;
  });
}

export async function benchPopup(counts: number[]) {
  const results: Record<string, { firstOpenMs: number; awake: Case; asleep: Case }> = {};
  let unlock: Spread | undefined;
  let scale: Awaited<ReturnType<typeof interaction>> | undefined;
  for (const count of counts) {
    const profile = mkdtempSync(join(tmpdir(), 'tweestap-bench-'));
    const extensionDir = mkdtempSync(join(tmpdir(), 'tweestap-bench-ext-'));
    cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
    const launched = await launchWithExtension(profile, { extensionDir });
    try {
      const { context } = launched;
      const blank = await context.newPage();
      const setup = await context.newPage();
      await setup.goto(POPUP);
      // tsx compiles with keepNames: named functions inside evaluate() call a __name helper the page lacks.
      await context.addInitScript('globalThis.__name = (f) => f');
      await setup.evaluate('globalThis.__name = (f) => f');
      await seed(setup, count);
      if (count === counts[counts.length - 1]) unlock = spread(await unlockTimes(setup));
      await setup.close();

      const page = await openPopupPage(context);
      const first = await markTime(page, POPUP);
      await page.waitForTimeout(500);
      await writeFloor(page, extensionDir);
      const awake: number[] = [];
      const floorAwake: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        awake.push(await markTime(page, POPUP, `${count} awake`));
        floorAwake.push(await markTime(page, FLOOR));
      }
      console.error(`popup bench: ${count} accounts, awake done`);
      if (count === Math.max(...counts)) scale = await interaction(page);
      await page.close();

      const asleep: number[] = [];
      const floorAsleep: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await putToSleep(context, blank);
        asleep.push(await markTime(await openPopupPage(context), POPUP, `${count} asleep`));
        await putToSleep(context, blank);
        floorAsleep.push(await markTime(await openPopupPage(context), FLOOR));
      }
      results[String(count)] = {
        firstOpenMs: Math.round(first),
        awake: compare(awake, floorAwake),
        asleep: compare(asleep, floorAsleep),
      };
    } finally {
      await launched.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      rmSync(extensionDir, { recursive: true, force: true });
    }
  }
  const medians = Object.fromEntries(Object.entries(phases).map(([name, at]) => [name, spread(at).median]));
  return { timeToCodes: results, phasesMs: medians, scale, unlockInChromium: unlock };
}
