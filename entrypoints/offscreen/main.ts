import { browser } from 'wxt/browser';
import type { OffscreenClipboardMessage } from '../../src/background/clipboard';

// An offscreen document has no focus, so navigator.clipboard is refused; a copy event still works.
function writeClipboard(text: string): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', text);
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy, { once: true });
  document.execCommand('copy');
}

browser.runtime.onMessage.addListener((message: unknown) => {
  const m = message as Partial<OffscreenClipboardMessage>;
  if (m?.target !== 'offscreen' || m.type !== 'write-clipboard' || typeof m.text !== 'string')
    return undefined;
  writeClipboard(m.text);
  return Promise.resolve(true);
});
