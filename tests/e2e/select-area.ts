import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { clickToolbarButton, sendFromPage } from './helpers';
import type { LaunchedBrowser } from './launch';

/**
 * Opens `url`, clicks the toolbar button (activeTab), asks for "Select the area" and draws a box
 * around the page's set-up QR (in `#setup-frame` when there is one) as a user would with the mouse.
 * Returns the page once Tweestap's notice is in it, and that notice's text.
 */
export async function selectAreaOn(
  {
    context,
    launched,
    extensionId,
  }: { context: BrowserContext; launched: LaunchedBrowser; extensionId: string },
  controller: Page,
  url: string,
): Promise<{ page: Page; notice: string }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.bringToFront();
  await clickToolbarButton(launched, page, extensionId);
  const target = await controller.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return { tabId: tab!.id!, windowId: tab!.windowId };
  }, url);
  const framed = (await page.locator('#setup-frame').count()) > 0;
  const qr = (framed ? page.frameLocator('#setup-frame') : page).getByRole('img', { name: /QR code/ });
  const box = (await qr.boundingBox())!;
  await sendFromPage(controller, 'scan.selectArea', target);
  // The overlay is ours: the only element on the page with the highest z-index there is.
  await page.waitForFunction(() =>
    [...document.documentElement.children].some((e) => (e as HTMLElement).style?.zIndex === '2147483647'),
  );
  await page.mouse.move(box.x - 12, box.y - 12);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 12, box.y + box.height + 12, { steps: 4 });
  await page.mouse.up();
  await expect(page.locator('tweestap-notice')).toHaveCount(1);
  // The notice is in a closed shadow root: only the DOM as the browser sees it (pierced) shows its text.
  const cdp = await context.newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.detach();
  const host = find(root, (node) => node.nodeName === 'TWEESTAP-NOTICE');
  return { page, notice: host ? textOf(host) : '' };
}

type DomNode = { nodeName: string; nodeValue?: string; children?: DomNode[]; shadowRoots?: DomNode[] };

const inside = (node: DomNode) => [...(node.shadowRoots ?? []), ...(node.children ?? [])];

function find(node: DomNode, test: (node: DomNode) => boolean): DomNode | undefined {
  if (test(node)) return node;
  for (const child of inside(node)) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

const textOf = (node: DomNode): string => (node.nodeValue ?? '') + inside(node).map(textOf).join('');
