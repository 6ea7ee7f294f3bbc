import type { Result } from '../../core/errors';
import type { Settings } from '../../core/settings';
import type { PageSite } from '../../core/site-match';
import { send } from '../../messaging/client';
import type { PolicyView, ResponseOf, VaultStatus } from '../../messaging/protocol';
import { currentTab } from '../actions';
import { fetchPolicy } from '../policy';
import { localPageSite, type QuickRead, quickList } from './quick-list';

type ListResult = Result<ResponseOf<'vault.list'>>;

/** Far above the read's usual 20–120 ms (5,000 accounts, a busy machine): only a stuck read reaches it. */
const QUICK_READ_PATIENCE_MS = 400;

export interface Boot {
  /** The first list to paint: this page's own read of the snapshot, or the worker's answer. */
  list: Promise<ListResult>;
  /**
   * The worker's answer when the list painted first came from this page's own read: the truth, which
   * replaces it (a change since, the lock, the organisation's rule). Undefined when they are one.
   * Asked only when the app calls this, after that paint: a worker starting up takes the CPU the
   * first paint needs (2 cores: the page, the worker and the browser itself).
   */
  confirm: () => Promise<ListResult | undefined>;
  /** The tab the popup was opened on, for "This site". */
  page: Promise<PageSite | undefined>;
  /**
   * Status, settings and policy are not needed to paint a list, so they are asked for only when the
   * app calls this (after that paint): until then the background answers the list alone. A list the
   * organisation refuses is refused by the worker, which needs no policy here to do so.
   */
  rest: () => Promise<[Result<VaultStatus>, Result<Settings>, PolicyView]>;
}

/**
 * The list is on the critical path to the first paint; `locked` instead means the lock screen. The
 * popup reads the snapshot itself first; the worker is asked at once only when that read cannot
 * answer (no snapshot, locked), and otherwise after the paint, to confirm it.
 */
function startBoot(): Boot {
  performance.mark('tweestap:boot');
  let fromWorker: Promise<ListResult> | undefined;
  const askWorker = () =>
    (fromWorker ??= send('vault.list', {}).finally(() => performance.mark('tweestap:worker-list')));
  const quick: Promise<QuickRead | undefined> = quickList()
    .catch(() => undefined)
    .finally(() => performance.mark('tweestap:quick-list'));
  type First = { value: ListResult; read?: QuickRead };
  const fromQuick = quick.then(
    async (read): Promise<First> =>
      read ? { value: { ok: true, value: read.list }, read } : { value: await askWorker() },
  );
  // A read that hangs (the browser's first answer from managed storage has taken seconds) must not
  // hold the list: past this, the worker is asked too and the first answer wins.
  let quickDone = false;
  void fromQuick.finally(() => {
    quickDone = true;
  });
  const late = new Promise<void>((resolve) => setTimeout(resolve, QUICK_READ_PATIENCE_MS));
  const fromLate = late.then(async (): Promise<First> => {
    // The read answered in time: nothing to rescue (and the worker is asked after the paint anyway).
    if (quickDone) return new Promise<never>(() => {});
    return { value: await askWorker() };
  });
  const first = Promise.race([fromQuick, fromLate]);
  const list = first.then(({ value }) => value);
  // Only a web page can be "this site": the new-tab page, settings or our own pages cost no message.
  const page = currentTab().then(async (tab) => {
    const url = tab?.url ?? '';
    if (!/^https?:/.test(url)) return undefined;
    const { value: listed, read } = await first;
    const local = read && listed.ok ? localPageSite(url, listed.value.accounts, read.domains) : undefined;
    if (local) return local;
    const answer = await send('sites.forPage', { url });
    return answer.ok ? (answer.value ?? undefined) : undefined;
  });
  let rest: ReturnType<Boot['rest']> | undefined;
  return {
    list,
    confirm: () => first.then(({ read }) => (read ? askWorker() : undefined)),
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
