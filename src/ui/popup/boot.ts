import { browser } from 'wxt/browser';
import type { Result } from '../../core/errors';
import type { Settings } from '../../core/settings';
import { send } from '../../messaging/client';
import type { ResponseOf, VaultStatus } from '../../messaging/protocol';
import { pageHostname } from '../match';

export interface Boot {
  list: Promise<Result<ResponseOf<'vault.list'>>>;
  /** Host of the tab the popup was opened on, for "This site". */
  host: Promise<string | undefined>;
  /**
   * Status and settings are not needed to paint a list, so they are asked for only when the app
   * calls this (after that paint): until then the background answers the list alone.
   */
  rest: () => Promise<[Result<VaultStatus>, Result<Settings>]>;
}

async function activeTabHost(): Promise<string | undefined> {
  try {
    // activeTab, granted by opening the popup, is what makes `url` visible here.
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return pageHostname(tab?.url);
  } catch {
    return undefined;
  }
}

/** The list is on the critical path to the first paint; `locked` instead means the lock screen. */
function startBoot(): Boot {
  const list = send('vault.list', {});
  const host = activeTabHost();
  let rest: ReturnType<Boot['rest']> | undefined;
  return {
    list,
    host,
    rest: () => {
      rest ??= Promise.all([send('vault.status', {}), send('settings.get', {})]);
      return rest;
    },
  };
}

/**
 * Started while this module is evaluated: main.tsx imports it first, so the request is in flight
 * while Preact, the OTP code and the components are still being evaluated.
 */
export const boot: Boot = startBoot();
