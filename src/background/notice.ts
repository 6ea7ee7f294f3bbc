import { browser } from 'wxt/browser';
import { clockSentence } from '../core/clock-correction';
import type { FillOutcome } from '../messaging/protocol';
import { runInjected } from './inject';

const inWorkerLanguage = (key: 'noticeClockBehind' | 'noticeClockAhead', seconds: string) =>
  browser.i18n.getMessage(key, [seconds]);

function noticeText(outcome: FillOutcome): string {
  switch (outcome.status) {
    case 'filled': {
      const filled = browser.i18n.getMessage('noticeFilled', [
        outcome.account.issuer || outcome.account.label,
      ]);
      if (outcome.clockFar) return `${filled} ${browser.i18n.getMessage('noticeClockFar')}`;
      return outcome.clockCorrectedMs
        ? `${filled} ${clockSentence(outcome.clockCorrectedMs, inWorkerLanguage)}`
        : filled;
    }
    case 'copied':
      return browser.i18n.getMessage(
        outcome.reason === 'failed'
          ? 'noticeCopiedFailed'
          : outcome.reason === 'occupied'
            ? 'noticeCopiedOccupied'
            : 'noticeCopiedNoField',
        [outcome.account.issuer || outcome.account.label],
      );
    case 'no-account':
      return browser.i18n.getMessage('noticeNoAccount');
    case 'locked':
      return browser.i18n.getMessage('noticeLocked');
    case 'policy-forbidden':
      return browser.i18n.getMessage('noticePolicyForbidden');
    default:
      return browser.i18n.getMessage('noticeOpenPopup');
  }
}

/** Tells the outcome of a gesture that has no popup (shortcut, context menu) in the page itself. */
export function showPageNotice(tabId: number, outcome: FillOutcome): Promise<void> {
  return showNoticeText(tabId, noticeText(outcome));
}

export async function showNoticeText(tabId: number, text: string): Promise<void> {
  // A page that navigated or forbids scripts gets no notice; the gesture itself already happened.
  await runInjected({ tabId }, 'page.notice', { text }).catch(() => undefined);
}
