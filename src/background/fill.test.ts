import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { contentScript, ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import type { Envelope } from '../messaging/envelope';
import type { BackgroundRouter } from '../messaging/router';
import { writeClipboard } from './clipboard';
import { registerBackground } from './register';

vi.mock('./clipboard', async (actual) => ({
  ...(await actual<typeof import('./clipboard')>()),
  writeClipboard: vi.fn(async () => undefined),
}));

const SITE = 'https://school.example';

interface PageScript {
  /** What each frame's probe answers, as the browser would report its sender. */
  frames: { sender: typeof contentScript & { documentId?: string }; hasField: boolean }[];
  fill(target: chrome.scripting.InjectionTarget): Promise<unknown>;
}

/**
 * A stand-in for `chrome.scripting`: `runInjected` first sets the request, then runs the file. A probe
 * answers through the router like the real script's `runtime.sendMessage`, with the browser's sender.
 */
function fakeScripting(router: BackgroundRouter, page: PageScript) {
  let pending: Envelope<'page.fill'> | undefined;
  const executeScript = vi.fn(
    async (injection: { target: chrome.scripting.InjectionTarget; args?: unknown[]; files?: string[] }) => {
      if (injection.args) {
        pending = injection.args[1] as Envelope<'page.fill'>;
        return [];
      }
      const request = pending!.request;
      if (request.mode === 'probe') {
        for (const frame of page.frames) {
          const probed = { probeId: request.probeId, hasField: frame.hasField, focused: false };
          await router.dispatch(wire('fill.probed', probed), frame.sender);
        }
        return page.frames.map((f) => ({ frameId: f.sender.frameId, documentId: 'x', result: true }));
      }
      if (request.mode === 'clock') return [{ frameId: 0, documentId: 'x', result: undefined }];
      return [{ frameId: 0, documentId: 'x', result: await page.fill(injection.target) }];
    },
  );
  Object.assign(globalThis, { chrome: { scripting: { executeScript } } });
  return executeScript;
}

/** The worker's vault lives as long as the test file: each test adds its own account and uses its id. */
async function withAccount(router: BackgroundRouter, sites: string[]): Promise<string> {
  const secret = Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32],
  ).join('');
  const account = {
    type: 'totp',
    issuer: 'School',
    label: 'me',
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites,
  };
  const added = (await router.dispatch(wire('vault.add', { account }), popup)) as {
    ok: boolean;
    value: { id: string };
  };
  expect(added).toMatchObject({ ok: true });
  return added.value.id;
}

describe('fill, as the worker runs it', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
    vi.mocked(writeClipboard).mockClear();
  });

  it('reports a fill whose script could not run as copied, and copies the code', async () => {
    const router = registerBackground(ID, ORIGIN);
    const accountId = await withAccount(router, [SITE]);
    fakeScripting(router, {
      frames: [{ sender: { ...contentScript, documentId: 'doc-1' }, hasField: true }],
      fill: async () => {
        throw new Error('No document with id doc-1 in tab 7');
      },
    });
    const outcome = await router.dispatch(wire('fill.tab', { tabId: 7, accountId }), popup);
    expect(outcome).toMatchObject({ ok: true, value: { status: 'copied', reason: 'failed' } });
    expect(writeClipboard).toHaveBeenCalledWith(expect.stringMatching(/^\d{6}$/));
  });

  it('decides by the origin the browser reports for the frame, and targets its document', async () => {
    const router = registerBackground(ID, ORIGIN);
    await withAccount(router, [SITE]);
    const targets: chrome.scripting.InjectionTarget[] = [];
    fakeScripting(router, {
      frames: [
        {
          sender: {
            ...contentScript,
            origin: 'https://evil.example',
            url: 'https://evil.example/',
            documentId: 'doc-evil',
          },
          hasField: true,
        },
      ],
      fill: async (target) => {
        targets.push(target);
        return { filled: true };
      },
    });
    expect(await router.dispatch(wire('fill.tab', { tabId: 7 }), popup)).toMatchObject({
      value: { status: 'no-account', site: 'https://evil.example' },
    });
    expect(targets).toEqual([]);
  });

  it('ignores probe answers from another tab than the one probed', async () => {
    const router = registerBackground(ID, ORIGIN);
    await withAccount(router, [SITE]);
    fakeScripting(router, {
      frames: [{ sender: { ...contentScript, tab: { id: 99 } }, hasField: true }],
      fill: async () => ({ filled: true }),
    });
    expect(await router.dispatch(wire('fill.tab', { tabId: 7 }), popup)).toMatchObject({
      value: { status: 'not-allowed' },
    });
  });

  it('"Fill in and remember" fills only the site and document the user confirmed', async () => {
    const router = registerBackground(ID, ORIGIN);
    const accountId = await withAccount(router, ['https://other.example']);
    const filled: chrome.scripting.InjectionTarget[] = [];
    const page: PageScript = {
      frames: [{ sender: { ...contentScript, documentId: 'doc-1' }, hasField: true }],
      fill: async (target) => {
        filled.push(target);
        return { filled: true };
      },
    };
    fakeScripting(router, page);
    expect(await router.dispatch(wire('fill.tab', { tabId: 7, accountId }), popup)).toMatchObject({
      value: { status: 'confirm-site', site: SITE, documentId: 'doc-1' },
    });
    // The page navigated after the question: a new document, even on the same site.
    page.frames = [{ sender: { ...contentScript, documentId: 'doc-2' }, hasField: true }];
    const stale = { tabId: 7, accountId, linkSite: { site: SITE, documentId: 'doc-1' } };
    expect(await router.dispatch(wire('fill.tab', stale), popup)).toMatchObject({
      value: { status: 'not-allowed' },
    });
    const elsewhere = {
      tabId: 7,
      accountId,
      linkSite: { site: 'https://other.example', documentId: 'doc-2' },
    };
    expect(await router.dispatch(wire('fill.tab', elsewhere), popup)).toMatchObject({
      value: { status: 'not-allowed' },
    });
    const unnamed = { tabId: 7, accountId, linkSite: { site: SITE } };
    expect(await router.dispatch(wire('fill.tab', unnamed), popup)).toMatchObject({
      value: { status: 'not-allowed' },
    });
    expect(filled).toEqual([]);

    const confirmed = { tabId: 7, accountId, linkSite: { site: SITE, documentId: 'doc-2' } };
    expect(await router.dispatch(wire('fill.tab', confirmed), popup)).toMatchObject({
      value: { status: 'filled' },
    });
    expect(filled).toEqual([{ tabId: 7, documentIds: ['doc-2'] }]);
  });

  it("allowedSites: a page outside the organisation's list gets no code, even one the account is linked to", async () => {
    const router = registerBackground(ID, ORIGIN);
    const accountId = await withAccount(router, [SITE]);
    const filled: chrome.scripting.InjectionTarget[] = [];
    fakeScripting(router, {
      frames: [{ sender: { ...contentScript, documentId: 'doc-1' }, hasField: true }],
      fill: async (target) => {
        filled.push(target);
        return { filled: true };
      },
    });
    await fakeBrowser.storage.managed.set({ allowedSites: ['school.nl'] });
    const confirmed = { tabId: 7, accountId, linkSite: { site: SITE, documentId: 'doc-1' } };
    for (const request of [{ tabId: 7 }, { tabId: 7, accountId }, confirmed]) {
      expect(await router.dispatch(wire('fill.tab', request), popup)).toEqual({
        ok: false,
        error: { code: 'policy-forbidden', message: 'allowedSites' },
      });
    }
    expect(filled).toEqual([]);
    expect(writeClipboard).not.toHaveBeenCalled();
    await fakeBrowser.storage.managed.set({ allowedSites: ['school.example'] });
    expect(await router.dispatch(wire('fill.tab', { tabId: 7, accountId }), popup)).toMatchObject({
      value: { status: 'filled' },
    });
  });
});
