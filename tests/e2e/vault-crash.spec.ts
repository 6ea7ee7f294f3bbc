import type { CDPSession } from '@playwright/test';
import { expect, test } from './fixtures';
import { addAccounts, sendFromPage } from './helpers';
import type { LaunchedBrowser } from './launch';
import { call, randomSecret, vaultStatus } from './popup-helpers';

test('every acknowledged write survives the service worker being stopped mid-burst', async ({
  context,
  openPopup,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  const popup = await openPopup();
  const cdp = await context.newCDPSession(popup);

  // 500 adds in flight at once; each settles as acknowledged (ok), refused, or lost with the worker.
  const burst = popup.evaluate(async () => {
    const secret = (i: number) =>
      `MZXW6YTBOI${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}${i.toString(2).replace(/0/g, 'A').replace(/1/g, 'B')}`;
    const sends = Array.from({ length: 500 }, (_, i) =>
      chrome.runtime
        .sendMessage({
          tweestap: 1,
          name: 'vault.add',
          request: {
            account: {
              type: 'totp',
              issuer: 'Burst',
              label: `burst-${i}`,
              secret: secret(i),
              algorithm: 'SHA1',
              digits: 6,
              period: 30,
              counter: 0,
            },
          },
        })
        .then(
          (answer: { ok: boolean; value?: { id: string } }) => {
            const counter = window as unknown as { acked?: number };
            counter.acked = (counter.acked ?? 0) + 1;
            return answer?.ok ? answer.value!.id : `refused:${JSON.stringify(answer)}`;
          },
          () => 'lost',
        ),
    );
    return Promise.all(sends);
  });

  // Let part of the burst commit, then stop the worker while the rest is in flight.
  await popup.waitForFunction(() => ((window as unknown as { acked?: number }).acked ?? 0) >= 20, null, {
    polling: 5,
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const outcomes = await burst;

  const acknowledged = outcomes.filter((o) => !o.startsWith('refused') && o !== 'lost');
  const lost = outcomes.filter((o) => o === 'lost');
  console.log(
    `burst: ${acknowledged.length} acknowledged, ${lost.length} lost with the worker, ${500 - acknowledged.length - lost.length} refused`,
  );
  expect(outcomes.filter((o) => o.startsWith('refused'))).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(lost.length).toBeGreaterThan(0);

  // A new message wakes a new worker, which must open the vault and hold every acknowledged write.
  const reopened = await openPopup();
  const listed = await reopened.evaluate(() =>
    chrome.runtime.sendMessage({ tweestap: 1, name: 'vault.list', request: {} }),
  );
  expect(listed.ok).toBe(true);
  expect(listed.value.damaged).toEqual([]);
  const stored = new Set((listed.value.accounts as { id: string }[]).map((a) => a.id));
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  void serviceWorker;
});

/**
 * A CDP session to the extension's service worker, through the browser session (Playwright opens
 * none for workers), for the debugger: pausing at a step lets the worker be stopped at that exact
 * point, instead of wherever a timer happens to land.
 */
class WorkerDebugger {
  #nextId = 1;
  readonly #replies = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  readonly #events: { method: string; params: Record<string, unknown> }[] = [];
  readonly #waiters: (() => void)[] = [];

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
          method?: string;
          params?: Record<string, unknown>;
          result?: unknown;
          error?: unknown;
        };
        if (message.id !== undefined) this.#replies.get(message.id)?.(message);
        else if (message.method) {
          this.#events.push({ method: message.method, params: message.params ?? {} });
          for (const wake of this.#waiters.splice(0)) wake();
        }
      }) as never,
    );
  }

  static async attach(launched: LaunchedBrowser, extensionId: string): Promise<WorkerDebugger> {
    const cdp = await launched.browser.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const worker = targetInfos.find(
      (target) =>
        target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    if (!worker) throw new Error('no running service worker to attach to');
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    })) as { sessionId: string };
    return new WorkerDebugger(cdp, sessionId);
  }

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = this.#nextId++;
    const reply = new Promise<T>((resolve, reject) =>
      this.#replies.set(id, (message) =>
        message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result as T),
      ),
    );
    void this.cdp.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    } as never);
    return reply;
  }

  async event(method: string, matches: (params: Record<string, unknown>) => boolean = () => true) {
    for (;;) {
      const found = this.#events.find((event) => event.method === method && matches(event.params));
      if (found) return found.params;
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
  }

  /**
   * Breaks at the keyring's `this.step("<step>")` call in the built worker (the string survives
   * minification), the `after`-th occurrence following `anchor` when the step name is not unique.
   */
  async breakAtStep(step: string, anchor?: string): Promise<void> {
    await this.send('Debugger.enable');
    const script = await this.event('Debugger.scriptParsed', (p) => String(p.url).endsWith('/background.js'));
    const { scriptSource } = await this.send<{ scriptSource: string }>('Debugger.getScriptSource', {
      scriptId: script.scriptId,
    });
    const literal = `"${step}"`;
    const from = anchor === undefined ? 0 : scriptSource.indexOf(`"${anchor}"`);
    const at = scriptSource.indexOf(literal, from);
    if (from < 0 || at < 0) throw new Error(`step ${step} not found in the worker`);
    if (anchor === undefined && scriptSource.indexOf(literal, at + 1) >= 0) {
      throw new Error(`step ${step} is not unique in the worker; give an anchor`);
    }
    const before = scriptSource.slice(0, at);
    const lineNumber = before.split('\n').length - 1;
    const columnNumber = at - (before.lastIndexOf('\n') + 1);
    await this.send('Debugger.setBreakpoint', {
      location: { scriptId: script.scriptId, lineNumber, columnNumber },
    });
  }

  paused(): Promise<unknown> {
    return this.event('Debugger.paused');
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

test('setting a password, with the worker stopped at any step, leaves the old vault or the new, whole', async ({
  launched,
  context,
  extensionId,
  openPopup,
}) => {
  test.setTimeout(180_000);
  const PASSWORD = 'correct horse battery staple';
  const popup = await openPopup();
  const stored = Array.from({ length: 40 }, () => randomSecret());
  await addAccounts(
    popup,
    stored.map((secret, i) => ({ issuer: 'Crash', label: `crash-${i}@example.test`, secret })),
  );
  const cdp = await context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');

  // Before the transaction, inside it (records rewritten, slot written, old slot gone), after it.
  const points: { step: string; anchor?: string; committed: boolean }[] = [
    { step: 'rekeyed', committed: false },
    { step: 'tx-records-rewritten', committed: false },
    { step: 'tx-new-slot-written', committed: false },
    { step: 'tx-old-slot-removed', committed: false },
    { step: 'committed', anchor: 'rekeyed', committed: true },
  ];
  for (const { step, anchor, committed } of points) {
    await vaultStatus(popup); // wakes the worker if the last round stopped it
    const worker = await WorkerDebugger.attach(launched, extensionId);
    await worker.breakAtStep(step, anchor);
    const answer = sendFromPage<{ ok?: boolean } | undefined>(popup, 'vault.setPassword', {
      newPassword: PASSWORD,
    }).catch(() => undefined);
    await worker.paused();
    await cdp.send('ServiceWorker.stopAllWorkers');
    expect((await answer)?.ok, `no answer from a worker stopped at ${step}`).not.toBe(true);
    await worker.detach();

    const status = await vaultStatus(popup);
    expect(status.hasPassword, `password set after a stop at ${step}`).toBe(committed);
    if (committed) {
      expect(status.state).toBe('locked');
      await call(popup, 'vault.unlock', { password: PASSWORD });
    }
    const listed = await call<{ accounts: { secret: string }[]; damaged: string[] }>(popup, 'vault.list');
    expect(listed.damaged, `damaged records after a stop at ${step}`).toEqual([]);
    expect(listed.accounts.map((a) => a.secret).sort(), `accounts after a stop at ${step}`).toEqual(
      [...stored].sort(),
    );
  }
});
