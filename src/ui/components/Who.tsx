import type { ComponentChildren } from 'preact';
import type { OtpAccount } from '../../core/account';
import { accountName } from '../account-name';
import { t } from '../i18n';

/**
 * An account as a scan or an import found it: issuer, name, its kind unless time-based (and what the caller adds
 * below). Its own module: the after-adding view shows it at start, the scan results do not load then.
 */
export function Who({ account, children }: { account: OtpAccount; children?: ComponentChildren }) {
  return (
    <span class="who">
      <span class="choice-title">{accountName(account)}</span>
      {account.issuer && <span class="choice-hint">{account.label}</span>}
      {/* "Time-based (TOTP)" is what nearly every account is, and jargon: only the others say their kind. */}
      {account.type !== 'totp' && <span class="choice-hint">{t(`type_${account.type}`)}</span>}
      {children}
    </span>
  );
}
