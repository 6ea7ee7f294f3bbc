// Driving the options page as a person does, for the import and restore benches: a fresh profile,
// and times taken inside the page (from the click to the text), not by polling from Node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../../tests/e2e/launch.ts';

export const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
export const OPTIONS = `chrome-extension://${EXTENSION_ID}/options.html`;

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function withOptionsPage<T>(job: (page: Page) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'tweestap-bench-'));
  const launched = await launchWithExtension(profile);
  try {
    const page = await launched.context.newPage();
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(OPTIONS);
    // tsx compiles with keepNames: named functions inside evaluate() call a __name helper the page lacks.
    await page.evaluate('globalThis.__name = (f) => f');
    return await job(page);
  } finally {
    await launched.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/** Milliseconds of one message round trip, throwing on a refusal. */
export function timedMessage(
  page: Page,
  name: string,
  request: object,
): Promise<{ ms: number; value: unknown }> {
  return page.evaluate(
    async ([name, request]) => {
      const started = performance.now();
      const answer = await chrome.runtime.sendMessage({ tweestap: 1, name, request });
      const ms = performance.now() - started;
      if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
      return { ms, value: answer.value };
    },
    [name, request] as const,
  );
}

export const importRegion = (page: Page) => page.getByRole('region', { name: 'Restore a backup or import' });

/**
 * Clicks the button named `button` in the import section and returns the milliseconds, by the
 * page's clock, from that click until some element's text matches `until` (checked on every DOM
 * change, so the time is when the text was there to be seen).
 */
export async function clickUntil(page: Page, button: string, until: RegExp): Promise<number> {
  await page.evaluate(
    ([source, flags]) => {
      const pattern = new RegExp(source, flags);
      const w = window as unknown as { benchClick?: number; benchSeen?: number };
      w.benchClick = undefined;
      w.benchSeen = undefined;
      document.addEventListener('click', () => (w.benchClick ??= performance.now()), {
        capture: true,
        once: true,
      });
      const seen = () => {
        const found = [...document.querySelectorAll('h3, [role="alert"], [role="status"], li')].some(
          (element) => pattern.test(element.textContent ?? ''),
        );
        if (found && w.benchClick !== undefined) {
          w.benchSeen = performance.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(seen);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    [until.source, until.flags] as const,
  );
  await importRegion(page).getByRole('button', { name: button, exact: true }).click();
  await page.waitForFunction(
    () => (window as unknown as { benchSeen?: number }).benchSeen !== undefined,
    null,
    {
      timeout: 300_000,
      polling: 100,
    },
  );
  return page.evaluate(() => {
    const w = window as unknown as { benchClick: number; benchSeen: number };
    return w.benchSeen - w.benchClick;
  });
}
