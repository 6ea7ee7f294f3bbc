import type { OtpAccount } from '../../core/account';
import { accountWarnings, secretBytes } from '../../core/otp/warnings';
import { durationLabel } from '../duration';
import { t } from '../i18n';
import { WarningIcon } from './icons';

type Warnable = Pick<OtpAccount, 'type' | 'secret' | 'period'>;

/**
 * What is unusual about an account, said where it is added (the form, a scan's results, the
 * screen after adding). Spans, so they fit inside a scan result's name block too.
 */
export function AccountWarnings({ account }: { account: Warnable }) {
  return (
    <>
      {accountWarnings(account).map((warning) => (
        <span key={warning} class="warning" data-warning={warning}>
          <WarningIcon />
          <span>
            {warning === 'long-period'
              ? t('account_warning_long_period', durationLabel(account.period))
              : t('account_warning_short_secret', String(secretBytes(account.secret) * 8))}
          </span>
        </span>
      ))}
    </>
  );
}
