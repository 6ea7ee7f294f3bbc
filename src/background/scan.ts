import { browser } from 'wxt/browser';
import { fail, ok, type Result } from '../core/errors';
import { countKey } from '../core/plural';
import { findQrCodes, type QrImage, warmUpQrDecoder } from '../core/qr';
import { decodePicture } from '../core/qr/page-picture';
import { interpretQrText, type ScannedCode, uniqueTexts } from '../core/scan-result';
import { type FrameRead, pageReadIsComplete, trustedTexts } from '../core/scan-trust';
import { sitesForOrigin } from '../core/sites';
import type { ClockSample } from '../inject/read-site-clock';
import type { SelectedArea } from '../inject/select-area';
import type { ScanResponse } from '../messaging/protocol';
import type { BackgroundRouter } from '../messaging/router';
import { sameSecret } from '../vault/account-store';
import { runInjected } from './inject';
import { showNoticeText } from './notice';
import { rememberSecrets } from './seen-secrets';
import { readClock, recordClockReading } from './site-clock';
import { rememberSiteQuestion, takeSiteQuestion } from './site-question';
import { accounts } from './vault-service';

const DOM_SCRIPT = '/qr-dom.js';
/** As many as the page-image reader draws in one frame. */
const MAX_PICTURES = 60;

async function pixelsFromDataUrl(dataUrl: string): Promise<QrImage | undefined> {
  try {
    const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return undefined;
    // Transparent PNGs (a pasted QR often is one) must read as dark on white, not dark on black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, bitmap.width, bitmap.height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    return context.getImageData(0, 0, canvas.width, canvas.height);
  } catch {
    return undefined;
  }
}

/**
 * Marks what is already stored, and adds a lone new account at once: the page showed one set-up code,
 * so the user's click on "Scan QR code" already said "add it". With several codes the user chooses.
 * A code the page's own origin did not show (`trusted`) gets no site: the user is asked instead.
 */
async function settle(
  texts: string[],
  site: string,
  trusted: ReadonlySet<string>,
  siteClock?: Promise<ClockSample | undefined>,
): Promise<Result<ScanResponse>> {
  const stored = await accounts.accounts();
  if (!stored) return fail('locked');
  const sites = site ? sitesForOrigin(site) : [];
  const codes: ScannedCode[] = texts.map((text) => {
    const code = interpretQrText(text);
    if (code.kind !== 'account') return code;
    const existing = stored.find((account) => sameSecret(account, code.account));
    if (existing) return { ...code, status: 'duplicate', id: existing.id };
    return sites.length > 0 && !trusted.has(text) ? { ...code, askSite: site } : code;
  });
  // The user may add any of these from the scan's list, even where typing a key is turned off.
  await rememberSecrets(codes.flatMap((code) => (code.kind === 'account' ? [code.account.secret] : [])));
  const only = codes.length === 1 ? codes[0] : undefined;
  if (only?.kind === 'account' && only.status === 'new') {
    const linked = only.askSite ? [] : sites;
    const added = await accounts.add({ ...only.account, sites: linked });
    if (!added.ok) return added;
    codes[0] = { ...only, status: 'added', id: added.value.id };
    // The first code the user types is right even on a site whose clock is off: its clock, read
    // while the page was scanned, counts for this account from the start (bounded and kept per
    // account and origin, as after a fill). Only for an account linked to this very site.
    if (siteClock && linked.length > 0) await recordClockReading(added.value.id, site, await siteClock);
  }
  return ok({ site, sites, codes });
}

/**
 * Every frame's QR texts, decoded here from the pictures its page-image reader drew, with the origin
 * its isolated world reports (none when injection failed).
 */
async function domReads(tabId: number): Promise<FrameRead[]> {
  try {
    const results = await chrome.scripting.executeScript({
      target: { tabId, allFrames: true },
      files: [DOM_SCRIPT],
    });
    return results.flatMap(({ result, frameId }) => {
      const read = result as { origin?: unknown; pictures?: unknown; unread?: unknown } | undefined;
      if (typeof read?.origin !== 'string' || !Array.isArray(read.pictures)) return [];
      const texts = read.pictures.slice(0, MAX_PICTURES).flatMap((picture) => {
        const image = decodePicture(picture);
        return image ? findQrCodes(image).map((hit) => hit.text) : [];
      });
      const unread = typeof read.unread === 'number' ? read.unread : undefined;
      return [{ origin: read.origin, texts, unread, top: frameId === 0 }];
    });
  } catch {
    return [];
  }
}

function scannable(url: string | undefined): boolean {
  return !!url && /^(https?|file):/.test(url);
}

export async function scanTab(tabId: number, windowId: number): Promise<Result<ScanResponse>> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  // The browser's own pages and the web store refuse both capture and injection.
  if (!tab || !scannable(tab.url)) return fail('capture-forbidden');
  // The first decode in a fresh worker is slow while the JIT warms up: do that while the page reads.
  const fromDom = domReads(tabId);
  const siteClock = readClock({ tabId, frameIds: [0] });
  warmUpQrDecoder();
  const reads = await fromDom;
  const site = new URL(tab.url!).origin;
  // Most set-up pages show the QR as a picture of their own: when the page read saw everything on
  // the screen, its answer is complete (and knows each code's frame), and no capture is taken. The
  // capture comes after the read, not beside it: a 4K JPEG encode on a 2-core laptop held the read
  // back to the capture's own time (bench: 271 ms at 4K beside it, 143 ms after it).
  const fromPage = reads.flatMap((read) => read.texts);
  if (pageReadIsComplete(reads))
    return settle(uniqueTexts(fromPage), site, trustedTexts(reads, site), siteClock);
  // JPEG at 95 encodes far faster than PNG at 4K and keeps 2-px modules readable (measured: bench).
  const dataUrl = await browser.tabs
    .captureVisibleTab(windowId, { format: 'jpeg', quality: 95 })
    .catch(() => undefined);
  const pixels = dataUrl ? await pixelsFromDataUrl(dataUrl) : undefined;
  const fromScreen = pixels ? findQrCodes(pixels).map((hit) => hit.text) : [];
  const texts = uniqueTexts([...fromScreen, ...fromPage]);
  if (texts.length === 0) return fail(dataUrl ? 'no-qr' : 'capture-forbidden');
  return settle(texts, site, trustedTexts(reads, site), siteClock);
}

export async function scanImage(dataUrl: string): Promise<Result<ScanResponse>> {
  if (typeof dataUrl !== 'string' || !dataUrl.startsWith('data:image/')) return fail('image-unreadable');
  const pixels = await pixelsFromDataUrl(dataUrl);
  if (!pixels) return fail('image-unreadable');
  const texts = uniqueTexts(findQrCodes(pixels).map((hit) => hit.text));
  if (texts.length === 0) return fail('no-qr');
  return settle(texts, '', new Set());
}

/** The box the user drew (CSS pixels), cut out of the capture (device pixels). */
function crop(pixels: QrImage, area: SelectedArea): ImageData {
  const sx = Math.max(0, Math.floor(area.x * area.ratio));
  const sy = Math.max(0, Math.floor(area.y * area.ratio));
  const box = new ImageData(
    Math.max(1, Math.min(pixels.width - sx, Math.ceil(area.width * area.ratio))),
    Math.max(1, Math.min(pixels.height - sy, Math.ceil(area.height * area.ratio))),
  );
  for (let row = 0; row < box.height; row++) {
    const from = ((sy + row) * pixels.width + sx) * 4;
    box.data.set(pixels.data.subarray(from, from + box.width * 4), row * box.width * 4);
  }
  return box;
}

/** The fallback: the user draws a box around the QR; we capture and read just that box. */
async function selectArea(tabId: number, windowId: number): Promise<void> {
  const hint = browser.i18n.getMessage('selectAreaHint');
  const [injection] = await runInjected({ tabId }, 'page.selectArea', { hint });
  const area = injection?.result;
  if (!area) return;
  const tab = await browser.tabs.get(tabId);
  // The box is read from the capture; the page-image reader tells whether the page's own origin showed it.
  const fromDom = domReads(tabId);
  const dataUrl = await browser.tabs
    .captureVisibleTab(windowId, { format: 'jpeg', quality: 95 })
    .catch(() => undefined);
  const pixels = dataUrl ? await pixelsFromDataUrl(dataUrl) : undefined;
  const texts = pixels ? uniqueTexts(findQrCodes(crop(pixels, area)).map((hit) => hit.text)) : [];
  const site = tab.url ? new URL(tab.url).origin : '';
  const result = texts.length ? await settle(texts, site, trustedTexts(await fromDom, site)) : fail('no-qr');
  let added = 0;
  let unlinked = 0;
  // The user drew the box around one code on purpose: add every new account in it.
  const response = result.ok ? result.value : undefined;
  for (const code of response?.codes ?? []) {
    if (code.kind !== 'account' || code.status === 'duplicate') continue;
    let id = code.id;
    if (code.status === 'new') {
      const stored = await accounts.add({ ...code.account, sites: code.askSite ? [] : response!.sites });
      if (!stored.ok) continue;
      id = stored.value.id;
    }
    added++;
    if (code.askSite && id) {
      unlinked++;
      await rememberSiteQuestion({ id, site: code.askSite });
    }
  }
  const key = unlinked > 0 ? 'selectAreaAddedAsk' : added > 0 ? 'selectAreaAdded' : 'selectAreaNothing';
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  const counted = countKey(key, added, browser.i18n.getUILanguage(), (name) => getMessage(name) !== '');
  await showNoticeText(tabId, getMessage(counted, [String(added)]));
}

export function registerScan(router: BackgroundRouter): void {
  router.on('scan.tab', ({ tabId, windowId }) => scanTab(tabId, windowId));
  router.on('scan.image', ({ dataUrl }) => scanImage(dataUrl));
  router.on('scan.selectArea', ({ tabId, windowId }) => {
    void selectArea(tabId, windowId).catch(() => undefined);
    return ok(null);
  });
  router.on('scan.siteQuestion', () => takeSiteQuestion());
}
