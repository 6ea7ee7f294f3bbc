import type { OtpAccount } from '../../../../core/account';
import type { MessageKey } from '../../../i18n';

/** "GitHub (octocat)": both names, since one issuer often has several accounts to tell apart. */
export function transferName(account: Pick<OtpAccount, 'issuer' | 'label'>): string {
  if (account.issuer && account.label) return `${account.issuer} (${account.label})`;
  return account.issuer || account.label;
}

/** A setup key in groups of four, as most apps show it, so it can be typed without losing one's place. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? '';
}

/** Why Google Authenticator cannot make this account's codes, as a message and its value. */
export function byHandReason(account: Pick<OtpAccount, 'type' | 'digits' | 'period'>): [MessageKey, string?] {
  if (account.type === 'steam') return ['transfer_reason_steam'];
  if (account.digits !== 6 && account.digits !== 8) return ['transfer_reason_digits', String(account.digits)];
  return ['transfer_reason_period', String(account.period)];
}
