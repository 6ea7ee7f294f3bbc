import { send } from '../../../../messaging/client';
import { t } from '../../../i18n';
import type { Shell } from '../../shell';
import { Banner } from './Banner';

/** Whether to urge a password: there is something to protect, no password, and not waved away. */
export function wantsPasswordNudge(shell: Shell): boolean {
  return (
    shell.settled &&
    shell.accounts.length > 0 &&
    !shell.status.hasPassword &&
    !shell.settings.passwordNudgeDismissed
  );
}

async function dismiss(shell: Shell) {
  shell.setSettings((current) => ({ ...current, passwordNudgeDismissed: true }));
  const result = await send('settings.set', { patch: { passwordNudgeDismissed: true } });
  if (result.ok) shell.setSettings(result.value);
}

/** Without a password a copy of the browser profile opens the vault; say so once there is an account. */
export function PasswordNudge({ shell }: { shell: Shell }) {
  return (
    <Banner
      title={t('nudge_title')}
      text={t('nudge_text')}
      action={t('password_set')}
      onAction={() => shell.go({ name: 'settings', forLock: false })}
      onNotNow={() => void dismiss(shell)}
    />
  );
}
