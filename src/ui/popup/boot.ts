import type { Result } from '../../core/errors';
import type { Settings } from '../../core/settings';
import type { PageSite } from '../../core/site-match';
import { send } from '../../messaging/client';
import type { PolicyView, ResponseOf, VaultStatus } from '../../messaging/protocol';
import { currentTab } from '../actions';
import { fetchPolicy } from '../policy';

export interface Boot {
  list: Promise<Result<ResponseOf<'vault.list'>>>;
  /** The tab the popup was opened on, for "This site". */
  page: Promise<PageSite | undefined>;
  /**
   * Status, settings and policy are not needed to paint a list, so they are asked for only when the
   * app calls this (after that paint): until then the background answers the list alone. A list the
   * organisation refuses is refused by the worker, which needs no policy here to do so.
   */
  rest: () => Promise<[Result<VaultStatus>, Result<Settings>, PolicyView]>;
}

/** The list is on the critical path to the first paint; `locked` instead means the lock screen. */
function startBoot(): Boot {
  const list = send('vault.list', {});
  // Only a web page can be "this site": the new-tab page, settings or our own pages cost no message.
  const page = currentTab().then(async (tab) => {
    const answer = /^https?:/.test(tab?.url ?? '')
      ? await send('sites.forPage', { url: tab!.url! })
      : undefined;
    return answer?.ok ? (answer.value ?? undefined) : undefined;
  });
  let rest: ReturnType<Boot['rest']> | undefined;
  return {
    list,
    page,
    rest: () => {
      rest ??= Promise.all([send('vault.status', {}), send('settings.get', {}), fetchPolicy()]);
      return rest;
    },
  };
}

/**
 * Started while this module is evaluated: main.tsx imports it first, so the request is in flight
 * while Preact, the OTP code and the components are still being evaluated.
 */
export const boot: Boot = startBoot();
