import { browser } from 'wxt/browser';
import type { StoredAccount } from '../core/account';
import { fail, ok } from '../core/errors';
import { generateCode } from '../core/otp';
import { matchSite, sitesForOrigin } from '../core/sites';
import type { FillReport } from '../inject/fill-page';
import { type InjectedRequest, type ProbeReport, REQUEST_GLOBAL } from '../inject/protocol';
import type { AccountSummary, FillOutcome } from '../messaging/protocol';
import type { Router } from '../messaging/router';
import { writeClipboard } from './clipboard';
import { clockOffsetMs, recordClockReading } from './clock';
import { showPageNotice } from './notice';
import { readSettings } from './settings';
import { unlockedAccounts, updateAccount } from './vault-service';

const FILL_SCRIPT = '/fill.js';
const PENDING_KEY = 'tweestap.pendingFill';

interface Frame {
  frameId: number;
  documentId: string;
  report: ProbeReport;
}

export interface FillRequest {
  tabId: number;
  /** The frame the gesture pointed at (context menu); otherwise the best frame with a code field. */
  frameId?: number;
  /** Chosen in the popup; otherwise the account linked to the frame's site. */
  accountId?: string;
  /** The user confirmed filling (and linking) a site the account was not linked to. */
  linkSite?: boolean;
}

const summary = (account: StoredAccount): AccountSummary => ({
  id: account.id,
  issuer: account.issuer,
  label: account.label,
});

async function inject<T>(target: chrome.scripting.InjectionTarget, request: InjectedRequest) {
  // Same isolated world for both calls: the page cannot see or change the request.
  await chrome.scripting.executeScript({
    target,
    func: (name: string, value: unknown) => {
      (globalThis as unknown as Record<string, unknown>)[name] = value;
    },
    args: [REQUEST_GLOBAL, request],
  });
  const results = await chrome.scripting.executeScript({ target, files: [FILL_SCRIPT] });
  return results as Array<chrome.scripting.InjectionResult<T>>;
}

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

function candidatesFor(accounts: StoredAccount[], origin: string): StoredAccount[] {
  const ranked = accounts
    .map((account) => ({ account, match: matchSite(account.sites, origin) }))
    .filter((entry) => entry.match !== undefined);
  const exact = ranked.filter((entry) => entry.match === 'exact');
  // Accounts linked to this exact host outrank ones linked to the whole domain.
  return (exact.length > 0 ? exact : ranked).map((entry) => entry.account);
}

export async function fillTab(request: FillRequest): Promise<FillOutcome> {
  const accounts = await unlockedAccounts();
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
    const candidates = candidatesFor(accounts, origin);
    if (candidates.length === 0) return { status: 'no-account', site: origin };
    if (candidates.length > 1) return { status: 'choose', site: origin, accounts: candidates.map(summary) };
    account = candidates[0]!;
  }
  if (!matchSite(account.sites, origin)) {
    if (!request.linkSite) {
      return { status: 'confirm-site', account: summary(account), accountSites: account.sites, site: origin };
    }
    const linked = await updateAccount(account.id, account.revision, {
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

export function registerFill(router: Router): void {
  router.on('fill.tab', 'extension-page', async (request) => {
    if (typeof request.tabId !== 'number') return fail('bad-request');
    await browser.storage.session.remove(PENDING_KEY);
    return ok(await fillTab(request));
  });
  router.on('fill.pending', 'extension-page', async () => {
    const pending = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as
      | { tabId: number; frameId?: number; outcome: FillOutcome; at: number }
      | undefined;
    await browser.storage.session.remove(PENDING_KEY);
    // A fill asked for minutes ago is not what the user is doing now.
    if (!pending || Date.now() - pending.at > 60_000) return ok(null);
    return ok({ tabId: pending.tabId, frameId: pending.frameId, outcome: pending.outcome });
  });
  router.on('clock.check', 'extension-page', async ({ tabId }) => {
    let frames: Frame[];
    try {
      frames = await probeFrames(tabId, 0, 6);
    } catch {
      return ok(null);
    }
    const top = frames[0];
    if (!top?.report.clock) return ok(null);
    await recordClockReading(top.report.clock, top.report.origin);
    return ok({ offsetMs: Math.round(top.report.clock.offsetMs), site: top.report.origin });
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
