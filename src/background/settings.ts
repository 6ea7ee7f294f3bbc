import { browser } from 'wxt/browser';
import { ok } from '../core/errors';
import { normalizeSettings, type Settings } from '../core/settings';
import type { BackgroundRouter } from '../messaging/router';
import { onPolicyChanged, settingsInForce } from './policy';
import { readTrusted, writeTrusted } from './vault-instance';

const KEY = 'settings';

/** The worker alone writes settings, so one copy in memory stays true for its whole life. */
let cached: Promise<Settings> | undefined;
const listeners = new Set<(settings: Settings) => void>();

/** Earlier builds kept settings in storage.local, where a script of ours in a page could change them. */
async function adoptLegacySettings(): Promise<unknown> {
  const legacy = (await browser.storage.local.get(KEY))[KEY];
  if (legacy === undefined) return undefined;
  await writeTrusted(KEY, normalizeSettings(legacy));
  await browser.storage.local.remove(KEY);
  return legacy;
}

/** The user's own choices, as stored: a policy that goes away gives them back unchanged. */
function readUserSettings(): Promise<Settings> {
  cached ??= (async () => normalizeSettings((await readTrusted(KEY)) ?? (await adoptLegacySettings())))();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

/** The settings the worker acts on: the user's, within the organisation's limits. */
export async function readSettings(): Promise<Settings> {
  return settingsInForce(await readUserSettings());
}

async function notify(): Promise<Settings> {
  const inForce = await readSettings();
  for (const listener of listeners) listener(inForce);
  return inForce;
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await readUserSettings()), ...patch });
  await writeTrusted(KEY, next);
  cached = Promise.resolve(next);
  return notify();
}

/** Called with the settings in force whenever the user or the organisation changes them. */
export function onSettingsChanged(listener: (settings: Settings) => void): void {
  listeners.add(listener);
}

onPolicyChanged(() => void notify());

export function registerSettingsHandlers(router: BackgroundRouter): void {
  router.on('settings.get', async () => ok(await readSettings()));
  router.on('settings.set', async ({ patch }) => ok(await writeSettings(patch)));
}
