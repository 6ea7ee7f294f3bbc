import { REQUEST_GLOBAL } from '../inject/request';
import { envelope } from '../messaging/envelope';
import type { PageMessageName } from '../messaging/messages/page';
import type { RequestIn, ResponseOf } from '../messaging/protocol';

const FILES: Record<PageMessageName, string> = {
  'page.fill': '/fill.js',
  'page.notice': '/page-notice.js',
  'page.selectArea': '/select-area.js',
};

/**
 * Runs one of our injected scripts with its request (see `src/inject/request.ts`). Both calls reach
 * the same isolated world of the same frames, so the page cannot see or change the request.
 */
export async function runInjected<N extends PageMessageName>(
  target: chrome.scripting.InjectionTarget,
  name: N,
  request: RequestIn<N>,
): Promise<Array<chrome.scripting.InjectionResult<ResponseOf<N>>>> {
  await chrome.scripting.executeScript({
    target,
    func: (key: string, value: unknown) => {
      (globalThis as unknown as Record<string, unknown>)[key] = value;
    },
    args: [REQUEST_GLOBAL, envelope(name, request)],
  });
  const results = await chrome.scripting.executeScript({ target, files: [FILES[name]] });
  return results as Array<chrome.scripting.InjectionResult<ResponseOf<N>>>;
}
