import { browser } from 'wxt/browser';
import { ok } from '../core/errors';
import type { Router } from '../messaging/router';
import { readSettings } from './settings';

const ALARM = 'tweestap-clear-clipboard';
const OFFSCREEN_PATH = '/offscreen.html';
export const CLEAR_CLIPBOARD_MESSAGE = { target: 'offscreen', type: 'clear-clipboard' } as const;

let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * The worker cannot touch the clipboard, so an offscreen document clears it. We cannot check that the
 * clipboard still holds our code without the clipboard-read permission (whose install warning frightens
 * users and admins), so the clear is unconditional: the setting says when.
 */
async function clearClipboard(): Promise<void> {
  clearTimeout(timer);
  await browser.alarms.clear(ALARM);
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (existing.length === 0) {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Clear a copied two-step code from the clipboard after the time the user chose.',
    });
  }
  await browser.runtime.sendMessage(CLEAR_CLIPBOARD_MESSAGE);
  await chrome.offscreen.closeDocument();
}

async function scheduleClear(): Promise<void> {
  const { clipboardClearSeconds } = await readSettings();
  if (clipboardClearSeconds === 0) return;
  clearTimeout(timer);
  // The timer is exact while the worker lives; the alarm clears it even if the worker was stopped meanwhile.
  timer = setTimeout(() => void clearClipboard(), clipboardClearSeconds * 1000);
  await browser.alarms.create(ALARM, { when: Date.now() + clipboardClearSeconds * 1000 });
}

export function registerClipboard(router: Router): void {
  router.on('clipboard.scheduleClear', 'extension-page', async () => {
    await scheduleClear();
    return ok(null);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void clearClipboard();
  });
}
