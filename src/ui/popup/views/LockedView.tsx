import type { VaultStatus } from '../../../messaging/protocol';
import { LockIcon } from '../../components/icons';
import { UnlockForm } from '../../components/UnlockForm';
import { t } from '../../i18n';
import { HELP_URL } from '../../links';
import { finishPendingFill } from '../fill-lazy';
import type { Shell } from '../shell';

export function LockedView({ shell }: { shell: Shell }) {
  const onUnlocked = async (status: VaultStatus) => {
    shell.setStatus(status);
    if (await shell.reload()) {
      shell.go({ name: 'list' });
      void finishPendingFill(shell);
    }
  };
  return (
    <main class="lock">
      <div class="lock-mark">
        <LockIcon />
      </div>
      <h2>{t('locked_title')}</h2>
      <p class="muted">{t('locked_hint')}</p>
      <UnlockForm onUnlocked={onUnlocked} wide />
      <a class="link lock-help" href={HELP_URL} target="_blank" rel="noopener noreferrer">
        {t('forgot_password')}
      </a>
    </main>
  );
}
