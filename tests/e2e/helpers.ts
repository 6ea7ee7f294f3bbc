import type { Page, Worker } from '@playwright/test';
import type { MessageName, RequestIn } from '../../src/messaging/protocol';
import type { LaunchedBrowser } from './launch';

export const DEMO_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface TestAccount {
  type?: 'totp' | 'hotp' | 'steam';
  issuer: string;
  label: string;
  secret: string;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
  counter?: number;
  sites?: string[];
}

/**
 * Sends a protocol message from an extension page, exactly as the popup does. Typed by the protocol,
 * so a renamed message or a changed request fails to compile here too.
 */
export async function sendFromPage<T = unknown, N extends MessageName = MessageName>(
  page: Page,
  name: N,
  request: RequestIn<N> | Record<string, never> = {},
): Promise<T> {
  return page.evaluate(([name, request]) => chrome.runtime.sendMessage({ tweestap: 1, name, request }), [
    name,
    request,
  ] as const);
}

/** Adds accounts through the real protocol (vault.add), one message each. */
export async function addAccounts(page: Page, accounts: TestAccount[]): Promise<void> {
  for (const account of accounts) {
    const result = await sendFromPage<{ ok: boolean; error?: unknown }>(page, 'vault.add', {
      account: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...account },
    });
    if (!result.ok) throw new Error(`vault.add failed: ${JSON.stringify(result)}`);
  }
}

/**
 * Clicks the toolbar button for `page`'s tab as a user would (CDP Extensions.triggerAction), which
 * opens the real popup and grants activeTab for that tab.
 */
export async function clickToolbarButton(
  launched: LaunchedBrowser,
  page: Page,
  extensionId: string,
): Promise<void> {
  const cdp = await launched.browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never);
    const url = page.url();
    const tab = (targetInfos as { targetId: string; url: string }[]).find((target) => target.url === url);
    if (!tab) throw new Error(`No tab target for ${url}`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Sends protocol messages from a content script in the tab (needs host access, e.g. activeTab after a
 * toolbar click) and returns the answers, in order.
 */
export async function sendFromContentScript(
  worker: Worker,
  tabUrl: string,
  messages: { name: MessageName; request?: object }[],
): Promise<unknown[]> {
  return worker.evaluate(
    async ([tabUrl, messages]) => {
      const [tab] = await chrome.tabs.query({ url: tabUrl });
      if (!tab?.id) throw new Error(`no tab ${tabUrl}`);
      const [injection] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        args: [messages],
        func: async (messages: { name: string; request?: object }[]) => {
          const answers: unknown[] = [];
          for (const { name, request } of messages) {
            answers.push(await chrome.runtime.sendMessage({ tweestap: 1, name, request: request ?? {} }));
          }
          return answers;
        },
      });
      return injection?.result as unknown[];
    },
    [tabUrl, messages] as const,
  );
}
