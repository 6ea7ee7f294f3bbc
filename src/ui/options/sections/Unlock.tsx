import { useId } from 'preact/hooks';
import type { VaultStatus } from '../../../messaging/protocol';
import { LockIcon } from '../../components/icons';
import { UnlockForm } from '../../components/UnlockForm';
import { t } from '../../i18n';
import { HELP_URL } from '../../links';

/** The one unlock form of the page, in place of every section that needs the accounts. */
export function Unlock({ onUnlocked }: { onUnlocked: (status: VaultStatus) => void }) {
  const titleId = useId();
  return (
    <section class="card unlock-card" aria-labelledby={titleId}>
      <div class="unlock-head">
        <span class="lock-mark">
          <LockIcon />
        </span>
        <div>
          <h2 id={titleId}>{t('locked_title')}</h2>
          <p class="muted">{t('options_locked_hint')}</p>
        </div>
      </div>
      <UnlockForm onUnlocked={onUnlocked} />
      <p class="field-hint">
        {t('options_locked_image')}{' '}
        <a class="link" href={HELP_URL} target="_blank" rel="noopener noreferrer">
          {t('forgot_password')}
        </a>
      </p>
    </section>
  );
}
