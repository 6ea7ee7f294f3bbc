import type { Result } from '../../core/errors';
import type { Settings } from '../../core/settings';
import type { PageSite } from '../../core/site-match';
import { send } from '../../messaging/client';
import type { PolicyView, ResponseOf, VaultStatus } from '../../messaging/protocol';
import { currentTab } from '../actions';
import { fetchPolicy } from '../policy';
import { localPageSite, type QuickRead, quickList } from './quick-list';

type ListResult = Result<ResponseOf<'vault.list'>>;

export interface Boot {
  /** The first list to paint: this page's own read of the snapshot, or the worker's answer. */
  list: Promise<ListResult>;
  /**
   * The worker's answer when the list painted first came from this page's own read: the truth, which
   * replaces it (a change since, the lock, the organisation's rule). Undefined when they are one.
   */
  confirm: Promise<ListResult | undefined>;
  /** The tab the popup was opened on, for "This site". */
  page: Promise<PageSite | undefined>;
  /**
   * Status, settings and policy are not needed to paint a list, so they are asked for only when the
   * app calls this (after that paint): until then the background answers the list alone. A list the
   * organisation refuses is refused by the worker, which needs no policy here to do so.
   */
  rest: () => Promise<[Result<VaultStatus>, Result<Settings>, PolicyView]>;
}

/** Whichever settles first with something; `undefined` from one waits for the other. */
function firstOf<T>(a: Promise<T | undefined>, b: Promise<T>): Promise<{ value: T; fromA: boolean }> {
  return new Promise((resolve, reject) => {
    a.then((value) => value !== undefined && resolve({ value, fromA: true })).catch(() => undefined);
    b.then((value) => resolve({ value, fromA: false }), reject);
  });
}

/**
 * The list is on the critical path to the first paint; `locked` instead means the lock screen. When
 * the worker is asleep it takes a while to start, so the popup reads the snapshot itself meanwhile.
 */
function startBoot(): Boot {
  performance.mark('tweestap:boot');
  const fromWorker = send('vault.list', {}).finally(() => performance.mark('tweestap:worker-list'));
  const quick: Promise<QuickRead | undefined> = quickList()
    .catch(() => undefined)
    .finally(() => performance.mark('tweestap:quick-list'));
  const first = firstOf(
    quick.then((read) => (read ? ({ ok: true, value: read.list } as const) : undefined)),
    fromWorker,
  );
  const list = first.then(({ value }) => value);
  // Only a web page can be "this site": the new-tab page, settings or our own pages cost no message.
  const page = currentTab().then(async (tab) => {
    const url = tab?.url ?? '';
    if (!/^https?:/.test(url)) return undefined;
    const worker = send('sites.forPage', { url }).then((answer) => (answer.ok ? answer.value : null));
    const local = Promise.all([quick, list]).then(([read, listed]) =>
      read && listed.ok ? localPageSite(url, listed.value.accounts, read.domains) : undefined,
    );
    return (await firstOf(local, worker)).value ?? undefined;
  });
  let rest: ReturnType<Boot['rest']> | undefined;
  return {
    list,
    confirm: first.then(({ fromA }) => (fromA ? fromWorker : undefined)),
    page,
    rest: () => {
      rest ??= Promise.all([send('vault.status', {}), send('settings.get', {}), fetchPolicy()]);
      return rest;
    },
  };
}

/**
 * Started while this module is evaluated: main.tsx imports it first, so the requests are in flight
 * while Preact, the OTP code and the components are still being evaluated.
 */
export const boot: Boot = startBoot();
