import { browser } from 'wxt/browser';
import { ok } from '../core/errors';
import { normalizeSettings, type Settings } from '../core/settings';
import type { BackgroundRouter } from '../messaging/router';

const KEY = 'settings';

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return normalizeSettings(stored[KEY]);
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await readSettings()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

export function onSettingsChanged(listener: (settings: Settings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[KEY]) listener(normalizeSettings(changes[KEY].newValue));
  });
}

export function registerSettingsHandlers(router: BackgroundRouter): void {
  router.on('settings.get', async () => ok(await readSettings()));
  router.on('settings.set', async ({ patch }) => ok(await writeSettings(patch)));
}
