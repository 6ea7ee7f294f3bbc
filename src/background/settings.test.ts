import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';

/** A fresh import is a fresh worker life; the IndexedDB behind the vault outlives it, as it does in Chrome. */
async function workerLife() {
  vi.resetModules();
  return import('./settings');
}

describe('settings live beside the vault, not in storage.local', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
  });

  it('adopts what an earlier build left in storage.local once, and removes it there', async () => {
    const browser = fakeBrowserForWorker();
    await browser.storage.local.set({ settings: { autoSubmit: true, autoLockMinutes: 5 } });
    const { readSettings } = await workerLife();
    expect(await readSettings()).toMatchObject({ autoSubmit: true, autoLockMinutes: 5 });
    expect(await browser.storage.local.get('settings')).toEqual({});
    const later = await workerLife();
    expect(await later.readSettings()).toMatchObject({ autoSubmit: true, autoLockMinutes: 5 });
  });

  it('ignores settings planted in storage.local, where a script of ours in a page could write', async () => {
    const browser = fakeBrowserForWorker();
    const first = await workerLife();
    await first.writeSettings({ autoSubmit: false, autoLockMinutes: 15, manualClockOffsetSeconds: 0 });
    await browser.storage.local.set({
      settings: {
        autoSubmit: true,
        autoLockMinutes: 0,
        lockOnScreenLock: false,
        manualClockOffsetSeconds: 3600,
      },
      clock: { measuredOffsetMs: -1.8e12 },
    });
    const { readSettings } = await workerLife();
    expect(await readSettings()).toMatchObject({
      autoSubmit: false,
      autoLockMinutes: 15,
      lockOnScreenLock: true,
      manualClockOffsetSeconds: 0,
    });
  });

  it('tells listeners in the worker about a change', async () => {
    const { onSettingsChanged, writeSettings } = await workerLife();
    const heard = vi.fn();
    onSettingsChanged(heard);
    await writeSettings({ autoLockMinutes: 7 });
    expect(heard).toHaveBeenCalledWith(expect.objectContaining({ autoLockMinutes: 7 }));
  });
});
