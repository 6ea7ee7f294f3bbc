import { browser } from 'wxt/browser';

/**
 * The tab the popup was opened on; the click that opened the popup granted activeTab for it.
 * Without one (it does not happen in practice) the background answers `capture-forbidden`.
 */
export async function activeTab(): Promise<{ tabId: number; windowId: number }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  return { tabId: tab?.id ?? -1, windowId: tab?.windowId ?? -1 };
}

/** Files live on the options page: a popup closes as soon as a file picker opens. */
export function importAccounts(): void {
  void browser.runtime.openOptionsPage().then(() => window.close());
}
