import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { codeFrame } from '../../tests/support/qr-pages';
import { ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import { encodePicture } from '../core/qr/page-picture';
import { registerBackground } from './register';

const SITE = 'https://school.example';

function randomSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join('');
}

/** A screen capture the test settles by hand, and a page read that answers at once with one picture. */
function fakePage({ text, unread }: { text: string; unread: number }) {
  const image = codeFrame(300, 300, [{ text, x: 40, y: 40, module: 4 }]);
  const pictures = [encodePicture(image.data, image.width, image.height)];
  let failCapture!: (error: Error) => void;
  const capture = vi.fn(
    () =>
      new Promise<string>((_, reject) => {
        failCapture = reject;
      }),
  );
  Object.assign(fakeBrowser.tabs, { captureVisibleTab: capture });
  const executeScript = vi.fn(async () => [
    { frameId: 0, documentId: 'top', result: { origin: SITE, pictures, unread } },
  ]);
  Object.assign(globalThis, { chrome: { scripting: { executeScript } } });
  return { capture, failCapture: () => failCapture(new Error('capture refused')) };
}

type Answer = { ok: boolean; value?: { codes: { status?: string }[] } };

describe('scan.tab, as the worker runs it', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
  });

  it('finishes on the page read when it saw everything on the screen, without a capture', async () => {
    const router = registerBackground(ID, ORIGIN);
    const tab = await fakeBrowser.tabs.create({ url: `${SITE}/setup` });
    const link = `otpauth://totp/School:me?secret=${randomSecret()}&issuer=School`;
    const page = fakePage({ text: link, unread: 0 });
    const answer = (await router.dispatch(wire('scan.tab', { tabId: tab.id, windowId: 1 }), popup)) as Answer;
    expect(answer).toMatchObject({ ok: true, value: { codes: [{ status: 'added' }] } });
    expect(page.capture).not.toHaveBeenCalled();
  });

  it('waits for the capture when the page read could not look into something on the screen', async () => {
    const router = registerBackground(ID, ORIGIN);
    const tab = await fakeBrowser.tabs.create({ url: `${SITE}/setup` });
    const link = `otpauth://totp/School:me?secret=${randomSecret()}&issuer=School`;
    const page = fakePage({ text: link, unread: 1 });
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
