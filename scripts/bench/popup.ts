// Popup start-up in real Chromium: navigation start to every visible code painted, with N accounts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../../tests/e2e/launch.ts';

const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const POPUP = `chrome-extension://${EXTENSION_ID}/popup.html`;
const RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function seed(page: Page, count: number): Promise<void> {
  await page.evaluate(async (count) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const secret = () =>
      Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join('');
    const sends = Array.from({ length: count }, (_, i) =>
      chrome.runtime.sendMessage({
        tweestap: 1,
        name: 'vault.add',
        request: {
          account: {
            type: 'totp',
            issuer: `Issuer ${i}`,
            label: `user${i}@example.org`,
            secret: secret(),
            algorithm: 'SHA1',
            digits: 6,
            period: 30,
            counter: 0,
            sites: [`https://login${i}.example.org`],
          },
        },
      }),
    );
    const answers = await Promise.all(sends);
    const failed = answers.filter((a: { ok: boolean }) => !a.ok);
    if (failed.length) throw new Error(`seeding failed: ${JSON.stringify(failed[0])}`);
  }, count);
}

async function timeToCodes(page: Page): Promise<number> {
  await page.goto(POPUP);
  await page.waitForFunction(() => performance.getEntriesByName('tweestap:codes-painted').length > 0, null, {
    timeout: 10_000,
  });
  return page.evaluate(() => performance.getEntriesByName('tweestap:codes-painted')[0]!.startTime);
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
  const results: Record<string, unknown> = {};
  let unlock: { medianMs: number; runsMs: number[] } | undefined;
  for (const count of counts) {
    const profile = mkdtempSync(join(tmpdir(), 'tweestap-bench-'));
    const launched = await launchWithExtension(profile);
    try {
      const setup = await launched.context.newPage();
      await setup.goto(POPUP);
      // tsx compiles with keepNames: named functions inside evaluate() call a __name helper the page lacks.
      await setup.evaluate('globalThis.__name = (f) => f');
      await seed(setup, count);
      if (count === Math.max(...counts)) {
        const runs = await unlockTimes(setup);
        unlock = { medianMs: Math.round(median(runs)), runsMs: runs.map(Math.round) };
      }
      await setup.close();
      const page = await launched.context.newPage();
      await page.setViewportSize({ width: 380, height: 600 });
      const first = await timeToCodes(page);
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeToCodes(page));
      results[String(count)] = {
        firstOpenMs: Math.round(first * 10) / 10,
        medianMs: Math.round(median(runs) * 10) / 10,
        runsMs: runs.map((r) => Math.round(r * 10) / 10),
      };
    } finally {
      await launched.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  }
  return { timeToCodes: results, unlockInChromium: unlock };
}
