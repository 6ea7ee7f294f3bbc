import { LockIcon } from '../../components/icons';
import { t } from '../../i18n';
import { usePagePolicy } from '../page-policy';
import { HelpLink } from '../policy-notes';

/**
 * With `requirePassword` and no password yet, the worker refuses everything with accounts: the page
 * says where the password is set (the popup, which then shows only that) instead of sections that
 * would all fail.
 */
export function PasswordRequired() {
  const { helpUrl } = usePagePolicy().policy;
  return (
    <section class="card unlock-card" aria-labelledby="password-required-title">
      <div class="unlock-head">
        <span class="lock-mark">
          <LockIcon />
        </span>
        <div>
          <h2 id="password-required-title">{t('options_password_required_title')}</h2>
          <p class="muted">{t('options_password_required_text')}</p>
        </div>
      </div>
      <p>{t('options_password_required_how', t('password_set'))}</p>
      {helpUrl && (
        <p class="field-hint">
          <HelpLink />
        </p>
      )}
    </section>
  );
}
