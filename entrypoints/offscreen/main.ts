import { browser } from 'wxt/browser';

// An offscreen document has no focus, so navigator.clipboard is refused; a copy event still works.
function clearClipboard(): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy, { once: true });
  document.execCommand('copy');
}

browser.runtime.onMessage.addListener((message: unknown) => {
  const m = message as { target?: string; type?: string };
  if (m?.target !== 'offscreen' || m.type !== 'clear-clipboard') return undefined;
  clearClipboard();
  return Promise.resolve(true);
});
