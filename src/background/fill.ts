import { browser } from 'wxt/browser';
import type { StoredAccount } from '../core/account';
import { fail, ok } from '../core/errors';
import { generateCode } from '../core/otp';
import { fillCandidates, matchSite, sitesForOrigin } from '../core/sites';
import type { FillReport } from '../inject/fill-page';
import type { AccountSummary, FillOutcome, FillRequest } from '../messaging/protocol';
import type { BackgroundRouter } from '../messaging/router';
import { writeClipboard } from './clipboard';
import { runInjected } from './inject';
import { showPageNotice } from './notice';
import { pageAllowedByPolicy } from './policy';
import { readSettings } from './settings';
import { readClock, recordClockReading } from './site-clock';
import { documentTarget } from './targets';
import { accounts as store } from './vault-service';

const PENDING_KEY = 'tweestap.pendingFill';

/** One frame that answered a probe, as the browser reported it: origin and document are not the page's word. */
interface Frame {
  frameId: number;
  documentId?: string;
  origin: string;
  hasField: boolean;
  focused: boolean;
}

/** Probes under way, by id: their frames' `fill.probed` answers are collected here. */
const probes = new Map<string, { tabId: number; frames: Frame[] }>();

const summary = (account: StoredAccount): AccountSummary => ({
  id: account.id,
  issuer: account.issuer,
  label: account.label,
});

function newProbeId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
 * Asks every frame (or the one the gesture pointed at) whether it has a code field. Each frame's
 * script answers with a message before its injection finishes, so when `executeScript` resolves,
 * every answer is in.
 */
async function probeFrames(tabId: number, frameId: number | undefined, codeLength: number): Promise<Frame[]> {
  const probeId = newProbeId();
  const probe = { tabId, frames: [] as Frame[] };
  probes.set(probeId, probe);
  try {
    const target = frameId === undefined ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] };
    await runInjected(target, 'page.fill', { mode: 'probe', probeId, codeLength });
    return probe.frames;
  } finally {
    probes.delete(probeId);
  }
}

/** The frame the code goes to: one with a field, the focused one first, then the top page. */
function pickFrame(frames: Frame[]): Frame | undefined {
  const rank = (f: Frame) => (f.hasField ? 4 : 0) + (f.focused ? 2 : 0) + (f.frameId === 0 ? 1 : 0);
  return [...frames].sort((a, b) => rank(b) - rank(a))[0];
}

/** The user said yes to this site in this document; anything else on the page now is not that. */
function stillConfirmed(confirmed: { site: string; documentId?: string }, frame: Frame): boolean {
  if (confirmed.site !== frame.origin) return false;
  // Where the browser names documents (Chrome), the confirmation must name this one.
  return !frame.documentId || confirmed.documentId === frame.documentId;
}

export async function fillTab(request: FillRequest): Promise<FillOutcome> {
  const accounts = await store.accounts();
  if (!accounts) return { status: 'locked' };
  const requested = request.accountId ? accounts.find((a) => a.id === request.accountId) : undefined;
  if (request.accountId && !requested) return { status: 'no-account', site: '' };

  let frames: Frame[];
  try {
    frames = await probeFrames(request.tabId, request.frameId, requested?.digits ?? 6);
  } catch {
    return { status: 'not-allowed' };
  }
  const frame = pickFrame(frames);
  if (!frame) return { status: 'not-allowed' };
  const origin = frame.origin;
  if (!(await pageAllowedByPolicy(origin)))
    return { status: 'policy-forbidden', key: 'allowedSites', site: origin };

  let account = requested;
  if (!account) {
    const candidates = fillCandidates(accounts, origin);
    if (candidates.length === 0) return { status: 'no-account', site: origin };
    if (candidates.length > 1) return { status: 'choose', site: origin, accounts: candidates.map(summary) };
    account = candidates[0]!;
  }
  if (!matchSite(account.sites, origin)) {
    if (!request.linkSite) {
      return {
        status: 'confirm-site',
        account: summary(account),
        accountSites: account.sites,
        site: origin,
        ...(frame.documentId ? { documentId: frame.documentId } : {}),
      };
    }
    if (!stillConfirmed(request.linkSite, frame)) return { status: 'not-allowed' };
    const linked = await store.update(account.id, account.revision, {
      sites: [...new Set([...account.sites, ...sitesForOrigin(origin)])],
    });
    if (!linked.ok) return { status: 'not-allowed' };
    account = linked.value;
  }

  const target = documentTarget(request.tabId, frame);
  const clock = await recordClockReading(account.id, origin, await readClock(target));
  const code = generateCode(account, Date.now() + clock.offsetMs);
  const settings = await readSettings();
  const clockFar = clock.far ? { clockFar: true } : {};
  let report: FillReport | undefined;
  try {
    // By document, not frame: if the frame navigated since the probe, the code goes nowhere.
    const [result] = await runInjected(target, 'page.fill', {
      mode: 'fill',
      code,
      origin,
      options: { autoSubmit: settings.autoSubmit },
    });
    report = (result?.result as FillReport | undefined) ?? undefined;
  } catch {
    report = undefined;
  }
  if (report?.filled) {
    return {
      status: 'filled',
      account: summary(account),
      submitted: report.submitted ?? false,
      ...(clock.tell ? { clockCorrectedMs: clock.offsetMs } : {}),
      ...clockFar,
    };
  }
  // The script did not run or did not answer: the code is still good, so the user gets it to paste.
  await writeClipboard(code);
  const reason = !report
    ? 'failed'
    : report.reason === 'ambiguous' || report.reason === 'rejected' || report.reason === 'occupied'
      ? report.reason
      : 'no-field';
  return { status: 'copied', account: summary(account), reason, ...clockFar };
}

/** Shortcut and context menu have no popup open: finish what can be finished, hand the rest to it. */
async function fillFromGesture(tabId: number, frameId?: number): Promise<void> {
  const outcome = await fillTab({ tabId, frameId });
  if (
    outcome.status === 'filled' ||
    outcome.status === 'copied' ||
    outcome.status === 'not-allowed' ||
    outcome.status === 'policy-forbidden'
  ) {
    if (outcome.status !== 'not-allowed') await showPageNotice(tabId, outcome);
    return;
  }
  await browser.storage.session.set({ [PENDING_KEY]: { tabId, frameId, outcome, at: Date.now() } });
  try {
    await chrome.action.openPopup();
  } catch {
    await showPageNotice(tabId, outcome);
  }
}

function onFillCommand(command: string, tab?: { id?: number }): void {
  if (command === 'fill-code' && tab?.id !== undefined) void fillFromGesture(tab.id);
}

function onFillMenuClicked(
  info: { menuItemId: string | number; frameId?: number },
  tab?: { id?: number },
): void {
  if (info.menuItemId === 'fill-code' && tab?.id !== undefined) void fillFromGesture(tab.id, info.frameId);
}

export function registerFill(router: BackgroundRouter): void {
  router.on('fill.probed', ({ probeId, hasField, focused }, sender) => {
    const probe = probes.get(probeId);
    // Only the tab that was probed, and each of its frames once.
    if (probe && probe.tabId === sender.tabId && !probe.frames.some((f) => f.frameId === sender.frameId)) {
      probe.frames.push({
        frameId: sender.frameId,
        ...(sender.documentId ? { documentId: sender.documentId } : {}),
        origin: sender.origin,
        hasField,
        focused,
      });
    }
    return ok(null);
  });
  router.on('fill.tab', async (request) => {
    await browser.storage.session.remove(PENDING_KEY);
    const outcome = await fillTab(request);
    return outcome.status === 'policy-forbidden'
      ? fail('policy-forbidden', { message: outcome.key })
      : ok(outcome);
  });
  router.on('fill.pending', async () => {
    const pending = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as
      | { tabId: number; frameId?: number; outcome: FillOutcome; at: number }
      | undefined;
    await browser.storage.session.remove(PENDING_KEY);
    // A fill asked for minutes ago is not what the user is doing now.
    if (!pending || Date.now() - pending.at > 60_000) return ok(null);
    return ok({ tabId: pending.tabId, frameId: pending.frameId, outcome: pending.outcome });
  });

  browser.commands.onCommand.addListener(onFillCommand);
  browser.contextMenus.onClicked.addListener(onFillMenuClicked);
  // Reachable only from the worker itself (and DevTools): E2E tests call the listeners as the browser
  // would, since a real shortcut or context-menu click cannot be sent to headless Chromium.
  Object.assign(globalThis, { tweestapGestures: { onFillCommand, onFillMenuClicked } });
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: 'fill-code',
      title: browser.i18n.getMessage('contextMenuFill'),
      contexts: ['editable'],
    });
  });
}
