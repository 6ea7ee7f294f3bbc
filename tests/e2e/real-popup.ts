import type { CDPSession, Page } from '@playwright/test';
import type { LaunchedBrowser } from './launch';

/**
 * The real toolbar popup, opened by CDP Extensions.triggerAction (a user's click: it grants activeTab).
 * Playwright does not see it as a Page, so this drives it over a browser-level CDP session.
 */
export class RealPopup {
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on(
      'Target.receivedMessageFromTarget' as never,
      ((event: { sessionId: string; message: string }) => {
        if (event.sessionId !== this.sessionId) return;
        const message = JSON.parse(event.message) as {
          id?: number;
          result?: unknown;
          error?: { message: string };
        };
        const waiter = message.id === undefined ? undefined : this.#pending.get(message.id);
        if (!waiter) return;
        this.#pending.delete(message.id!);
        if (message.error) waiter.reject(new Error(message.error.message));
        else waiter.resolve(message.result);
      }) as never,
    );
  }

  static async open(launched: LaunchedBrowser, page: Page, extensionId: string): Promise<RealPopup> {
    const cdp = await launched.browser.newBrowserCDPSession();
    const url = page.url();
    const { targetInfos: tabs } = (await cdp.send('Target.getTargets', {
      filter: [{ type: 'tab' }],
    } as never)) as {
      targetInfos: { targetId: string; url: string }[];
    };
    const tab = tabs.find((target) => target.url === url);
    if (!tab) throw new Error(`No tab target for ${url}`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
    const popupUrl = `chrome-extension://${extensionId}/popup.html`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string; url: string }[];
      };
      const popup = targetInfos.find((target) => target.url.startsWith(popupUrl));
      if (popup) {
        const { sessionId } = (await cdp.send('Target.attachToTarget', {
          targetId: popup.targetId,
          flatten: false,
        })) as {
          sessionId: string;
        };
        const driver = new RealPopup(cdp, sessionId);
        await driver.waitFor('document.readyState === "complete"');
        return driver;
      }
      if (Date.now() > deadline) throw new Error('The popup did not open');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  #send(method: string, params: object): Promise<unknown> {
    const id = this.#nextId++;
    const reply = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.cdp
      .send('Target.sendMessageToTarget', {
        sessionId: this.sessionId,
        message: JSON.stringify({ id, method, params }),
      } as never)
      // A popup closes itself when the user leaves it (a link opened a tab): the caller hears why.
      .catch((error: Error) => {
        this.#pending.get(id)?.reject(error);
        this.#pending.delete(id);
      });
    return reply;
  }

  /** A CDP command on the popup's own target (WebAuthn's virtual authenticators belong to one). */
  command<T = unknown>(method: string, params: object = {}): Promise<T> {
    return this.#send(method, params) as Promise<T>;
  }

  /** Evaluates an expression (awaiting promises) in the popup and returns its JSON value. */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const result = (await this.#send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    })) as {
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (result.exceptionDetails) {
      throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    }
    return result.result.value;
  }

  async waitFor(condition: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${condition})`).catch(() => false))) {
      if (Date.now() > deadline) {
        // What the popup showed instead: the one clue a timeout on a slow machine leaves.
        const shown = await this.evaluate<string>('document.body.innerText').catch(() => '(no popup)');
        throw new Error(`Timed out waiting for ${condition}\nThe popup showed:\n${shown}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits for a button whose accessible name (aria-label or text) contains `name`. */
  waitForButton(name: string, within = 'document'): Promise<void> {
    return this.waitFor(`${BUTTON_FINDER}(${JSON.stringify(name)}, ${within})`);
  }

  /** Clicks the first button whose accessible name (aria-label or text) contains `name`. */
  async clickButton(name: string, within = 'document'): Promise<void> {
    // A script's click on a disabled button does nothing: wait until it can be pressed, as a user would.
    await this.waitFor(`((b) => b && !b.disabled)(${BUTTON_FINDER}(${JSON.stringify(name)}, ${within}))`);
    await this.evaluate(`${BUTTON_FINDER}(${JSON.stringify(name)}, ${within}).click()`);
  }

  /** A PNG of the popup as it is drawn now, down to `height` CSS pixels when given. */
  async screenshot(height?: number): Promise<Buffer> {
    const width = await this.evaluate<number>('document.documentElement.clientWidth');
    const clip = height ? { clip: { x: 0, y: 0, width, height, scale: 1 } } : {};
    const { data } = (await this.#send('Page.captureScreenshot', { format: 'png', ...clip })) as {
      data: string;
    };
    return Buffer.from(data, 'base64');
  }

  text(): Promise<string> {
    return this.evaluate<string>('document.body.innerText');
  }

  async close(): Promise<void> {
    await this.evaluate('window.close()').catch(() => undefined);
    await this.cdp.detach().catch(() => undefined);
  }
}

const BUTTON_FINDER = `((name, root) => [...(root.querySelectorAll ? root : document).querySelectorAll('button, [role=button], a')]
  .find((b) => ((b.getAttribute('aria-label') || '') + ' ' + b.textContent).includes(name)))`;
