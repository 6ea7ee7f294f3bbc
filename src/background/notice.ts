import { browser } from 'wxt/browser';
import type { FillOutcome } from '../messaging/protocol';

function clockSentence(offsetMs: number): string {
  const seconds = Math.abs(Math.round(offsetMs / 1000));
  return browser.i18n.getMessage(offsetMs > 0 ? 'noticeClockBehind' : 'noticeClockAhead', [String(seconds)]);
}

function noticeText(outcome: FillOutcome): string {
  switch (outcome.status) {
    case 'filled': {
      const filled = browser.i18n.getMessage('noticeFilled', [
        outcome.account.issuer || outcome.account.label,
      ]);
      return outcome.clockCorrectedMs ? `${filled} ${clockSentence(outcome.clockCorrectedMs)}` : filled;
    }
    case 'copied':
      return browser.i18n.getMessage('noticeCopiedNoField', [
        outcome.account.issuer || outcome.account.label,
      ]);
    case 'no-account':
      return browser.i18n.getMessage('noticeNoAccount');
    case 'locked':
      return browser.i18n.getMessage('noticeLocked');
    default:
      return browser.i18n.getMessage('noticeOpenPopup');
  }
}

/**
 * A short notice in the page for gestures that have no popup (shortcut, context menu). It is drawn in
 * a closed shadow root so the page's styles cannot hide or restyle it, and it carries only our text.
 */
export function showPageNotice(tabId: number, outcome: FillOutcome): Promise<void> {
  return showNoticeText(tabId, noticeText(outcome));
}

export async function showNoticeText(tabId: number, text: string): Promise<void> {
  await chrome.scripting
    .executeScript({
      target: { tabId },
      args: [text],
      func: (message: string) => {
        const host = document.createElement('tweestap-notice');
        const root = host.attachShadow({ mode: 'closed' });
        const dark = matchMedia('(prefers-color-scheme: dark)').matches;
        root.innerHTML = `<div role="status" style="position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:360px;padding:12px 16px;border-radius:8px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25);background:${dark ? '#1f2933' : '#ffffff'};color:${dark ? '#f5f7fa' : '#1f2933'};border-left:4px solid #0f766e"></div>`;
        root.firstElementChild!.textContent = message;
        document.documentElement.append(host);
        setTimeout(() => host.remove(), 6000);
      },
    })
    .catch(() => undefined);
}
