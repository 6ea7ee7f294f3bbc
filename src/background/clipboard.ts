import { browser } from 'wxt/browser';
import { ok } from '../core/errors';
import { envelope } from '../messaging/envelope';
import type { BackgroundRouter } from '../messaging/router';
import { readSettings } from './settings';

const ALARM = 'tweestap-clear-clipboard';
const OFFSCREEN_PATH = '/offscreen.html';

let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Chrome's worker cannot touch the clipboard, so an offscreen document writes and clears it. We cannot
 * check that the clipboard still holds our code without the clipboard-read permission (whose install
 * warning frightens users and admins), so the clear is unconditional: the setting says when.
 */
async function writeThroughOffscreen(text: string): Promise<void> {
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (existing.length === 0) {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Copy a two-step code, and clear it from the clipboard after the time the user chose.',
    });
  }
  await browser.runtime.sendMessage(envelope('offscreen.writeClipboard', { text }));
  await chrome.offscreen.closeDocument();
}

/**
 * Firefox has no offscreen API, but its background is an event page with a DOM of its own, and the
 * clipboardWrite permission lets it write without a user gesture or focus.
 */
async function writeInBackgroundDocument(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/** Chosen by what the browser has, not by its name: a browser that gains offscreen takes Chrome's path. */
export function clipboardWriter(): (text: string) => Promise<void> {
  const hasOffscreen = typeof chrome !== 'undefined' && chrome.offscreen !== undefined;
  return hasOffscreen ? writeThroughOffscreen : writeInBackgroundDocument;
}

async function clearClipboard(): Promise<void> {
  clearTimeout(timer);
  await browser.alarms.clear(ALARM);
  await clipboardWriter()('');
}

/** For gestures with no page of ours open (shortcut, context menu): copy, then clear as usual. */
export async function writeClipboard(text: string): Promise<void> {
  await clipboardWriter()(text);
  await scheduleClear();
}

async function scheduleClear(): Promise<void> {
  const { clipboardClearSeconds } = await readSettings();
  if (clipboardClearSeconds === 0) return;
  clearTimeout(timer);
  // The timer is exact while the worker lives; the alarm clears it even if the worker was stopped meanwhile.
  timer = setTimeout(() => void clearClipboard(), clipboardClearSeconds * 1000);
  await browser.alarms.create(ALARM, { when: Date.now() + clipboardClearSeconds * 1000 });
}

export function registerClipboard(router: BackgroundRouter): void {
  router.on('clipboard.scheduleClear', async () => {
    await scheduleClear();
    return ok(null);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void clearClipboard();
  });
}
