import { browser } from 'wxt/browser';
import type { StoredAccount } from '../core/account';
import { ok } from '../core/errors';
import { generateCode } from '../core/otp';
import { fillCandidates, matchSite, sitesForOrigin } from '../core/sites';
import type { FillReport } from '../inject/fill-page';
import type { ProbeReport } from '../messaging/messages/page';
import type { AccountSummary, FillOutcome, FillRequest, RequestIn } from '../messaging/protocol';
import type { BackgroundRouter } from '../messaging/router';
import { writeClipboard } from './clipboard';
import { runInjected } from './inject';
import { showPageNotice } from './notice';
import { readSettings } from './settings';
import { clockOffsetMs, recordClockReading } from './site-clock';
import { accounts as store } from './vault-service';

const PENDING_KEY = 'tweestap.pendingFill';

interface Frame {
  frameId: number;
  documentId: string;
  report: ProbeReport;
}

const summary = (account: StoredAccount): AccountSummary => ({
  id: account.id,
  issuer: account.issuer,
  label: account.label,
});

const inject = <Report>(target: chrome.scripting.InjectionTarget, request: RequestIn<'page.fill'>) =>
  runInjected(target, 'page.fill', request) as Promise<Array<chrome.scripting.InjectionResult<Report>>>;

async function probeFrames(tabId: number, frameId: number | undefined, codeLength: number): Promise<Frame[]> {
  const target = frameId === undefined ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] };
  const results = await inject<ProbeReport>(target, { mode: 'probe', codeLength, readClock: true });
  return results
    .filter((r) => r.result && typeof r.result.origin === 'string' && r.documentId)
    .map((r) => ({ frameId: r.frameId, documentId: r.documentId!, report: r.result as ProbeReport }));
}

/** The frame the code goes to: one with a field, the focused one first, then the top page. */
function pickFrame(frames: Frame[]): Frame | undefined {
  const rank = (f: Frame) =>
    (f.report.hasField ? 4 : 0) + (f.report.focused ? 2 : 0) + (f.frameId === 0 ? 1 : 0);
  return [...frames].sort((a, b) => rank(b) - rank(a))[0];
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
  const origin = frame.report.origin;
  const toldClock = await recordClockReading(frame.report.clock, origin);

  let account = requested;
  if (!account) {
    const candidates = fillCandidates(accounts, origin);
    if (candidates.length === 0) return { status: 'no-account', site: origin };
    if (candidates.length > 1) return { status: 'choose', site: origin, accounts: candidates.map(summary) };
    account = candidates[0]!;
  }
  if (!matchSite(account.sites, origin)) {
    if (!request.linkSite) {
      return { status: 'confirm-site', account: summary(account), accountSites: account.sites, site: origin };
    }
    const linked = await store.update(account.id, account.revision, {
      sites: [...new Set([...account.sites, ...sitesForOrigin(origin)])],
    });
    if (!linked.ok) return { status: 'not-allowed' };
    account = linked.value;
  }

  const offset = await clockOffsetMs();
  const code = generateCode(account, Date.now() + offset);
  const settings = await readSettings();
  let report: FillReport | undefined;
  try {
    // By document, not frame: if the frame navigated since the probe, the code goes nowhere.
    const [result] = await inject<FillReport>(
      { tabId: request.tabId, documentIds: [frame.documentId] } as chrome.scripting.InjectionTarget,
      { mode: 'fill', code, options: { autoSubmit: settings.autoSubmit } },
    );
    report = result?.result ?? undefined;
  } catch {
    // A page that submits itself on the last digit is gone before the script can answer.
    report = { filled: true, submitted: true };
  }
  if (report?.filled) {
    return {
      status: 'filled',
      account: summary(account),
      submitted: report.submitted ?? false,
      ...(toldClock ? { clockCorrectedMs: offset } : {}),
    };
  }
  await writeClipboard(code);
  const reason = report?.reason === 'ambiguous' || report?.reason === 'rejected' ? report.reason : 'no-field';
  return { status: 'copied', account: summary(account), reason };
}

/** Shortcut and context menu have no popup open: finish what can be finished, hand the rest to it. */
async function fillFromGesture(tabId: number, frameId?: number): Promise<void> {
  const outcome = await fillTab({ tabId, frameId });
  if (outcome.status === 'filled' || outcome.status === 'copied' || outcome.status === 'not-allowed') {
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
  router.on('fill.tab', async (request) => {
    await browser.storage.session.remove(PENDING_KEY);
    return ok(await fillTab(request));
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
