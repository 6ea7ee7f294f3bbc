import type { VaultStatus } from '../../../messaging/protocol';
import { HelpLink } from '../../components/HelpLink';
import { LockIcon } from '../../components/icons';
import { UnlockForm } from '../../components/UnlockForm';
import { t } from '../../i18n';
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
      <HelpLink guide="password" class="link lock-help">
        {t('forgot_password')}
      </HelpLink>
    </main>
  );
}
