import { useId } from 'preact/hooks';
import type { VaultStatus } from '../../../messaging/protocol';
import { HelpLink } from '../../components/HelpLink';
import { LockIcon } from '../../components/icons';
import { UnlockForm } from '../../components/UnlockForm';
import { t } from '../../i18n';

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
        <HelpLink guide="password" class="link">
          {t('forgot_password')}
        </HelpLink>
      </p>
    </section>
  );
}
