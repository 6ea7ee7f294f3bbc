import { browser } from 'wxt/browser';

/**
 * The tab the popup was opened on, if the browser says: the click that opened the popup granted
 * activeTab for it, which is also what makes its `url` visible.
 */
export const currentTab = () =>
  browser.tabs.query({ active: true, currentWindow: true }).then(
    ([tab]) => tab,
    () => undefined,
  );

/** The tab to scan; without one (it does not happen in practice) the background says `capture-forbidden`. */
export async function activeTab(): Promise<{ tabId: number; windowId: number }> {
  const tab = await currentTab();
  return { tabId: tab?.id ?? -1, windowId: tab?.windowId ?? -1 };
}

/** Files live on the options page: a popup closes as soon as a file picker opens. */
export function importAccounts(): void {
  void browser.runtime.openOptionsPage().then(() => window.close());
}

/**
 * Opens one of Tweestap's own pages in a new tab next to this one. Through the tabs API rather than the
 * link's own target, which a popup honours only for a trusted click and which opens no tab at all when
 * the popup closes first.
 */
export function openExtensionTab(path: string): void {
  // No window.close(): a popup closes itself as the new tab takes focus, and an options page stays.
  void browser.tabs.create({ url: browser.runtime.getURL(path as '/guide.html') });
}
