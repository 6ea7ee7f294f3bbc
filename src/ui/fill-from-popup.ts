import { clockSentence } from '../core/clock-correction';
import type { ProtocolError } from '../core/errors';
import { send } from '../messaging/client';
import type { FillOutcome } from '../messaging/protocol';
import { accountName } from './account-name';
import { currentTab } from './actions';
import { t } from './i18n';
import { showToast } from './toast';

/**
 * What filling needs from the popup around it: a yes-or-no question, a way to show the lock screen,
 * and its answer to a refusal (the organisation's come with its help page).
 */
export interface FillUi {
  ask(title: string, body: string, confirmLabel: string): Promise<boolean>;
  showLocked(): void;
  failed(error: ProtocolError): void;
}

export const siteName = (originOrDomain: string): string => {
  try {
    return originOrDomain.includes('://') ? new URL(originOrDomain).host : originOrDomain;
  } catch {
    return originOrDomain;
  }
};

function report(outcome: FillOutcome, ui: FillUi): void {
  switch (outcome.status) {
    case 'filled': {
      const done = t('fill_done', accountName(outcome.account));
      const clock = outcome.clockFar
        ? t('fill_clock_far')
        : outcome.clockCorrectedMs
          ? clockSentence(outcome.clockCorrectedMs, t)
          : '';
      showToast(clock ? `${done} ${clock}` : done);
      // The user's next step is on the page: get out of the way, but let the message be read first.
      if (!clock) setTimeout(() => window.close(), 1200);
      return;
    }
    case 'copied':
      showToast(
        t(
          outcome.reason === 'failed'
            ? 'fill_copied_failed'
            : outcome.reason === 'occupied'
              ? 'fill_copied_occupied'
              : 'fill_copied',
        ),
      );
      return;
    case 'no-account':
      showToast(t('fill_no_account', siteName(outcome.site)));
      return;
    case 'locked':
      ui.showLocked();
      return;
    case 'policy-forbidden':
      ui.failed({ code: 'policy-forbidden', message: outcome.key });
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
  const target = tabId ?? (await currentTab())?.id;
  if (target === undefined) {
    showToast(t('fill_not_allowed'));
    return;
  }
  let result = await send('fill.tab', { tabId: target, accountId: account.id });
  if (result.ok && result.value.status === 'confirm-site') {
    const outcome = result.value;
    // Both sites by name, as the user reads them (hosts or domains).
    const accountSites = outcome.accountSites.map(siteName).join(', ') || t('fill_no_sites');
    const body = t('fill_confirm_body', [accountSites, siteName(outcome.site)]);
    if (!(await ui.ask(t('fill_confirm_title'), body, t('fill_confirm_button')))) return;
    const confirmed = {
      site: outcome.site,
      ...(outcome.documentId ? { documentId: outcome.documentId } : {}),
    };
    result = await send('fill.tab', { tabId: target, accountId: account.id, linkSite: confirmed });
  }
  if (!result.ok) {
    ui.failed(result.error);
    return;
  }
  report(result.value, ui);
}

/** What the shortcut or context menu left for the popup to finish, if anything. */
export async function pendingFill() {
  const result = await send('fill.pending', {});
  return result.ok ? result.value : null;
}
