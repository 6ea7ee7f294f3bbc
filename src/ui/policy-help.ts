import { browser } from 'wxt/browser';
import type { ProtocolError } from '../core/errors';
import { errorText, t } from './i18n';
import { lastPolicy } from './policy';
import { showToast } from './toast';

/** A popup closes by itself when the new tab takes focus; a page stays where it is. */
const openHelp = (url: string) => void browser.tabs.create({ url });

/**
 * A refused request as a toast. The organisation's refusals carry its help page when it has one,
 * and stay longer: the user may want to read why, and reach the button.
 */
export function showError(error: ProtocolError): void {
  const helpUrl = error.code === 'policy-forbidden' ? lastPolicy().policy.helpUrl : undefined;
  showToast(
    errorText(error),
    helpUrl ? { action: { label: t('org_help'), run: () => openHelp(helpUrl) }, durationMs: 10_000 } : {},
  );
}
