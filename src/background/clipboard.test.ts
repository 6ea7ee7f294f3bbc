import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { clipboardWriter, registerClipboard, writeClipboard } from './clipboard';

const ALARM = 'tweestap-clear-clipboard';

/** Chrome's shape: an offscreen API, and a worker with no clipboard of its own. */
function chromeWithOffscreen() {
  const offscreen = { createDocument: vi.fn(async () => {}), closeDocument: vi.fn(async () => {}) };
  vi.stubGlobal('chrome', { offscreen, runtime: { getContexts: vi.fn(async () => []) } });
  return offscreen;
}

/** Firefox's shape: `chrome` is there as an alias, without offscreen; the event page has a clipboard. */
function firefoxEventPage() {
  vi.stubGlobal('chrome', { runtime: {} });
  const writeText = vi.fn(async (_text: string) => {});
  vi.stubGlobal('navigator', { clipboard: { writeText } });
  return writeText;
}

describe('the clipboard path', () => {
  let sent: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fakeBrowserForWorker();
    sent = vi.fn(async (_message: unknown) => true);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(sent as never);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('goes through the offscreen document where the browser has one (Chrome)', async () => {
    const offscreen = chromeWithOffscreen();
    const writeText = vi.fn();
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await clipboardWriter()('123456');
    expect(offscreen.createDocument).toHaveBeenCalledWith(
      expect.objectContaining({ reasons: ['CLIPBOARD'] }),
    );
    expect(sent).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'offscreen.writeClipboard', request: { text: '123456' } }),
    );
    expect(offscreen.closeDocument).toHaveBeenCalled();
    expect(writeText).not.toHaveBeenCalled();
  });

  it('writes from the background document where there is no offscreen API (Firefox)', async () => {
    const writeText = firefoxEventPage();
    await clipboardWriter()('123456');
    expect(writeText).toHaveBeenCalledWith('123456');
    expect(sent).not.toHaveBeenCalled();
  });

  it('takes the Firefox path when `chrome` is missing altogether', async () => {
    vi.stubGlobal('chrome', undefined);
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await clipboardWriter()('654321');
    expect(writeText).toHaveBeenCalledWith('654321');
  });

  it('on Firefox, copies a code and clears it from the background document when the alarm fires', async () => {
    const writeText = firefoxEventPage();
    registerClipboard({ on: vi.fn() } as never);
    await writeClipboard('123456');
    expect(await fakeBrowser.alarms.get(ALARM)).toBeDefined();
    await fakeBrowser.alarms.onAlarm.trigger({ name: ALARM, scheduledTime: Date.now() });
    await vi.waitFor(() => expect(writeText).toHaveBeenLastCalledWith(''));
    expect(writeText.mock.calls.map(([text]) => text)).toEqual(['123456', '']);
    expect(sent).not.toHaveBeenCalled();
  });
});
