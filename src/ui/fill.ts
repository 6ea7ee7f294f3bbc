import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { AccountSummary, FillOutcome } from '../messaging/protocol';
import { errorText, t } from './i18n';
import { showToast } from './toast';

/** What filling needs from the popup around it: a question, and a way to show the lock screen. */
export interface FillUi {
  confirmSite(question: SiteQuestion): Promise<boolean>;
  showLocked(): void;
}

export interface SiteQuestion {
  account: AccountSummary;
  /** Where the account belongs, as the user reads it (hosts or domains). */
  accountSites: string;
  /** The site the page is on. */
  site: string;
}

export const siteName = (originOrDomain: string): string => {
  try {
    return originOrDomain.includes('://') ? new URL(originOrDomain).host : originOrDomain;
  } catch {
    return originOrDomain;
  }
};

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function clockSentence(offsetMs: number): string {
  const seconds = String(Math.abs(Math.round(offsetMs / 1000)));
  return t(offsetMs > 0 ? 'noticeClockBehind' : 'noticeClockAhead', seconds);
}

function report(outcome: FillOutcome, ui: FillUi): void {
  switch (outcome.status) {
    case 'filled': {
      const done = t('fill_done', outcome.account.issuer || outcome.account.label);
      showToast(outcome.clockCorrectedMs ? `${done} ${clockSentence(outcome.clockCorrectedMs)}` : done);
      // The user's next step is on the page: get out of the way, but let the message be read first.
      if (!outcome.clockCorrectedMs) setTimeout(() => window.close(), 1200);
      return;
    }
    case 'copied':
      showToast(t('fill_copied'));
      return;
    case 'no-account':
      showToast(t('fill_no_account', siteName(outcome.site)));
      return;
    case 'locked':
      ui.showLocked();
      return;
    default:
      showToast(t('fill_not_allowed'));
  }
}

/**
 * Fills `account`'s code into the page. A site the account is not linked to needs the user's explicit
 * yes, in a warning that names both sites; only then does the background link the site and fill.
 */
export async function fillIn(account: { id: string }, ui: FillUi, tabId?: number): Promise<void> {
  const target = tabId ?? (await activeTabId());
  if (target === undefined) {
    showToast(t('fill_not_allowed'));
    return;
  }
  let result = await send('fill.tab', { tabId: target, accountId: account.id });
  if (result.ok && result.value.status === 'confirm-site') {
    const outcome = result.value;
    const accountSites = outcome.accountSites.map(siteName).join(', ') || t('fill_no_sites');
    const yes = await ui.confirmSite({
      account: outcome.account,
      accountSites,
      site: siteName(outcome.site),
    });
    if (!yes) return;
    result = await send('fill.tab', { tabId: target, accountId: account.id, linkSite: true });
  }
  if (!result.ok) {
    showToast(errorText(result.error));
    return;
  }
  report(result.value, ui);
}

/** What the shortcut or context menu left for the popup to finish, if anything. */
export async function pendingFill() {
  const result = await send('fill.pending', {});
  return result.ok ? result.value : null;
}
