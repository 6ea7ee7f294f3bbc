import { expect, test } from './fixtures';
import { call } from './popup-helpers';
import { RealPopup } from './real-popup';

test('the empty state fits its popup: no scrollbar on the page or in any of its parts', async ({
  context,
  launched,
  extensionId,
  openPopup,
  demoSite,
}) => {
  await call(await openPopup(), 'settings.set', { patch: { tourDone: true } });
  const page = await context.newPage();
  await page.goto(`${demoSite.url}/setup`);
  const popup = await RealPopup.open(launched, page, extensionId);
  await popup.waitFor('document.getElementById("empty-title") !== null');
  // The popup settles its size a frame or two after the first paint.
  await popup.evaluate('new Promise((resolve) => setTimeout(resolve, 300))');
  const scrolling = await popup.evaluate<string[]>(`(() => {
    const root = document.scrollingElement;
    const out = root.scrollHeight > root.clientHeight ? ['page ' + root.scrollHeight + ' in ' + root.clientHeight] : [];
    for (const element of document.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      if (/(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight)
        out.push(element.className + ' ' + element.scrollHeight + ' in ' + element.clientHeight);
    }
    return out;
  })()`);
  expect(scrolling).toEqual([]);
});
