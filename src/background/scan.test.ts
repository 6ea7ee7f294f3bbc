import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import { registerBackground } from './register';

const SITE = 'https://school.example';

function randomSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join('');
}

/** A screen capture the test settles by hand, and a page read that answers at once. */
function fakePage(read: { texts: string[]; unread: number }) {
  let failCapture!: (error: Error) => void;
  const capture = vi.fn(
    () =>
      new Promise<string>((_, reject) => {
        failCapture = reject;
      }),
  );
  Object.assign(fakeBrowser.tabs, { captureVisibleTab: capture });
  const executeScript = vi.fn(async () => [
    { frameId: 0, documentId: 'top', result: { origin: SITE, ...read } },
  ]);
  Object.assign(globalThis, { chrome: { scripting: { executeScript } } });
  return { capture, failCapture: () => failCapture(new Error('capture refused')) };
}

type Answer = { ok: boolean; value?: { codes: { status?: string }[] } };

describe('scan.tab, as the worker runs it', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
  });

  it('finishes on the page read when it saw everything on the screen, without waiting for the capture', async () => {
    const router = registerBackground(ID, ORIGIN);
    const tab = await fakeBrowser.tabs.create({ url: `${SITE}/setup` });
    const link = `otpauth://totp/School:me?secret=${randomSecret()}&issuer=School`;
    const page = fakePage({ texts: [link], unread: 0 });
    const answer = (await router.dispatch(wire('scan.tab', { tabId: tab.id, windowId: 1 }), popup)) as Answer;
    expect(page.capture).toHaveBeenCalledOnce();
    expect(answer).toMatchObject({ ok: true, value: { codes: [{ status: 'added' }] } });
  });

  it('waits for the capture when the page read could not look into something on the screen', async () => {
    const router = registerBackground(ID, ORIGIN);
    const tab = await fakeBrowser.tabs.create({ url: `${SITE}/setup` });
    const link = `otpauth://totp/School:me?secret=${randomSecret()}&issuer=School`;
    const page = fakePage({ texts: [link], unread: 1 });
    let settled = false;
    const answering = router
      .dispatch(wire('scan.tab', { tabId: tab.id, windowId: 1 }), popup)
      .then((answer) => {
        settled = true;
        return answer as Answer;
      });
    await vi.waitFor(() => expect(page.capture).toHaveBeenCalledOnce());
    // However long it is given, it cannot answer while the capture (which may see more) is out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    page.failCapture();
    expect(await answering).toMatchObject({ ok: true, value: { codes: [{ status: 'added' }] } });
  });
});
