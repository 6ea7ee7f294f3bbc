import { browser } from 'wxt/browser';
import { BACKGROUND_MESSAGES, OFFSCREEN_MESSAGES } from '../../src/messaging/protocol';
import { Router } from '../../src/messaging/router';

// An offscreen document has no focus, so navigator.clipboard is refused; a copy event still works.
function writeClipboard(text: string): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', text);
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy, { once: true });
  document.execCommand('copy');
}

// The same router as the worker's: only the worker may ask, and messages for the worker pass by.
const router = new Router(
  OFFSCREEN_MESSAGES,
  browser.runtime.id,
  new URL(browser.runtime.getURL('/')).origin,
  undefined,
  BACKGROUND_MESSAGES,
);
router.on('offscreen.writeClipboard', ({ text }) => {
  writeClipboard(text);
  return { ok: true, value: true };
});

browser.runtime.onMessage.addListener((message, sender) =>
  router.serves(message) ? router.dispatch(message, sender) : undefined,
);
