import { useId } from 'preact/hooks';
import { send } from '../../../../messaging/client';
import { t } from '../../../i18n';
import type { Shell } from '../../shell';

/** Whether to urge a password: there is something to protect, no password, and not waved away. */
export function wantsPasswordNudge(shell: Shell): boolean {
  return shell.accounts.length > 0 && !shell.status.hasPassword && !shell.settings.passwordNudgeDismissed;
}

async function dismiss(shell: Shell) {
  shell.setSettings((current) => ({ ...current, passwordNudgeDismissed: true }));
  const result = await send('settings.set', { patch: { passwordNudgeDismissed: true } });
  if (result.ok) shell.setSettings(result.value);
}

/** Without a password a copy of the browser profile opens the vault; say so once there is an account. */
export function PasswordNudge({ shell }: { shell: Shell }) {
  const titleId = useId();
  return (
    <section class="banner" aria-labelledby={titleId}>
      <p>
        <strong id={titleId}>{t('nudge_title')}</strong> {t('nudge_text')}
      </p>
      <div class="panel-actions">
        <button
          type="button"
          class="btn btn-small btn-primary"
          onClick={() => shell.go({ name: 'settings', forLock: false })}
        >
          {t('password_set')}
        </button>
        <button type="button" class="btn btn-small" onClick={() => void dismiss(shell)}>
          {t('nudge_not_now')}
        </button>
      </div>
    </section>
  );
}
