import { browser } from 'wxt/browser';
import type { GuideName } from '../core/guides';

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
 * Opens a guide in a tab of its own: `guide`, else the one for the site the popup was opened on. Through
 * the tabs API rather than the link's own target, which a popup honours only for a trusted click. The
 * site rules load only now: the popup's start carries none of them.
 */
export async function openGuide(guide?: GuideName): Promise<void> {
  const { guideForUrl, guidePath } = await import('../core/guides');
  const name = guide ?? guideForUrl((await currentTab())?.url);
  // No window.close(): a popup closes itself as the new tab takes focus, and an options page stays.
  await browser.tabs.create({ url: browser.runtime.getURL(guidePath(name) as '/guide.html') });
}
