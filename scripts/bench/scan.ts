// "Scan QR code" to account saved, in real Chromium, beside a bare captureVisibleTab measured in the
// same run: the scan.tab round trip (page read, capture, decode, duplicate check, encrypted save)
// when the QR is a picture of the top document, and when only the screen shows it (another origin's
// frame), warm and cold (the first scan of a fresh worker).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { clickToolbarButton } from '../../tests/e2e/helpers.ts';
import { launchWithExtension } from '../../tests/e2e/launch.ts';
import { startDemoSite } from '../../tests/fixtures/site/server.mjs';
import { type Spread, spread } from './stats.ts';

const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const RUNS = 9;

function randomSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: 32 }, () => alphabet[Math.floor(Math.random() * 32)]).join('');
}

type Action = 'capture' | 'scan';

/** Times one action in the controller page, on the tab at `url` that the toolbar click just granted. */
function timed(controller: Page, url: string, action: Action): Promise<number> {
  return controller.evaluate(
    async ({ url, action }) => {
      const [tab] = await chrome.tabs.query({ url });
      const started = performance.now();
      if (action === 'capture') {
        await chrome.tabs.captureVisibleTab(tab!.windowId, { format: 'jpeg', quality: 95 });
        return performance.now() - started;
      }
      const answer = await chrome.runtime.sendMessage({
        tweestap: 1,
        name: 'scan.tab',
        request: { tabId: tab!.id, windowId: tab!.windowId },
      });
      const ms = performance.now() - started;
      if (!answer.ok || answer.value.codes[0]?.status !== 'added') throw new Error(JSON.stringify(answer));
      return ms;
    },
    { url, action },
  );
}

const ratio = (a: Spread, b: Spread) => Math.round((a.median / b.median) * 100) / 100;

async function benchSize(width: number, height: number, moduleScale: number) {
  const site = await startDemoSite({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'tweestap-bench-scan-'));
  const launched = await launchWithExtension(profile, { extraArgs: [`--window-size=${width},${height}`] });
  try {
    const controller = await launched.context.newPage();
    await controller.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    // tsx compiles with keepNames: named functions inside evaluate() call a __name helper the page lacks.
    await controller.evaluate('globalThis.__name = (f) => f');
    const page = await launched.context.newPage();
    await page.setViewportSize({ width, height });
    let run = 0;
    const once = async (kind: 'image' | 'frame', action: Action) => {
      const link = `otpauth://totp/Bench:run${run++}?secret=${randomSecret()}&issuer=Bench`;
      const query = `?data=${encodeURIComponent(link)}&scale=${moduleScale}`;
      const url = `${site.url}${kind === 'image' ? '/qr.png' : '/qr/frame-png'}${query}`;
      await page.goto(url);
      if (kind === 'frame') await page.frameLocator('#setup-frame').locator('img').waitFor();
      await page.bringToFront();
      await clickToolbarButton(launched, page, EXTENSION_ID);
      return timed(controller, url, action);
    };
    // Cold is the worker asleep, as after 30 s idle, not the browser just started: the browser's
    // first answers (managed storage, the first injection) have taken seconds on a fresh profile.
    await once('frame', 'scan');
    const cdp = await launched.context.newCDPSession(controller);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cold = await once('frame', 'scan');
    const capture: number[] = [];
    const image: number[] = [];
    const frame: number[] = [];
    // Interleaved, so a busy moment of the machine falls on all three alike.
    for (let i = 0; i < RUNS; i++) {
      capture.push(await once('image', 'capture'));
      image.push(await once('image', 'scan'));
      frame.push(await once('frame', 'scan'));
    }
    await cdp.detach();
    const bare = spread(capture);
    const screen = spread(frame);
    const picture = spread(image);
    return {
      captureMs: bare,
      onlyOnScreenMs: screen,
      imageOfPageMs: picture,
      coldOnlyOnScreenMs: Math.round(cold),
      ratios: {
        onlyOnScreen: ratio(screen, bare),
        imageOfPage: ratio(picture, bare),
        cold: Math.round((cold / bare.median) * 100) / 100,
      },
    };
  } finally {
    await launched.close();
    await site.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

export async function benchScan() {
  return {
    '1920x1080 (4-px modules)': await benchSize(1920, 1080, 4),
    '3840x2160 (2-px modules)': await benchSize(3840, 2160, 2),
  };
}
