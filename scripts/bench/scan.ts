// "Scan QR code" to account saved, in real Chromium: the scan.tab round trip (capture, page images,
// decode, duplicate check, encrypted save), cold (first scan of a fresh worker) and warm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickToolbarButton } from '../../tests/e2e/helpers.ts';
import { launchWithExtension } from '../../tests/e2e/launch.ts';
import { startDemoSite } from '../../tests/fixtures/site/server.mjs';

const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function randomSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: 32 }, () => alphabet[Math.floor(Math.random() * 32)]).join('');
}

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
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      if (run === 0) {
        // Cold: a fresh worker, as after the browser stopped it for being idle.
        const cdp = await launched.context.newCDPSession(controller);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      }
      const link = `otpauth://totp/Bench:run${run}?secret=${randomSecret()}&issuer=Bench`;
      const url = `${site.url}/qr.png?data=${encodeURIComponent(link)}&scale=${moduleScale}`;
      await page.goto(url);
      await page.bringToFront();
      await clickToolbarButton(launched, page, EXTENSION_ID);
      const elapsed = await controller.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        const started = performance.now();
        const answer = await chrome.runtime.sendMessage({
          tweestap: 1,
          name: 'scan.tab',
          request: { tabId: tab!.id, windowId: tab!.windowId },
        });
        const ms = performance.now() - started;
        if (!answer.ok || answer.value.codes[0]?.status !== 'added') throw new Error(JSON.stringify(answer));
        return ms;
      }, url);
      times.push(elapsed);
    }
    const [cold, ...warm] = times;
    return {
      coldMs: Math.round(cold!),
      warmMedianMs: Math.round(median(warm)),
      warmRunsMs: warm.map(Math.round),
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
