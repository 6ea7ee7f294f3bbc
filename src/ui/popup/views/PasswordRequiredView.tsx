import { useId, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { LockIcon } from '../../components/icons';
import { OrgHelp } from '../../components/OrgHelp';
import { PasswordFields } from '../../components/PasswordFields';
import { t } from '../../i18n';
import { showToast } from '../../toast';
import { newPasswordProblem, passwordRefusal } from '../password-rules';
import type { Shell } from '../shell';
import { PasswordRules } from './policy/PasswordRules';

/**
 * The organisation requires a password and this vault has none. The worker refuses everything else
 * until one is set, so this is the whole popup: no codes, no list, and nothing deleted meanwhile.
 */
export function PasswordRequiredView({ shell }: { shell: Shell }) {
  const { policy } = shell.policy;
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const rulesId = useId();

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError('');
    const problem = newPasswordProblem(password, policy);
    if (problem) return setError(problem);
    // Said once, under Confirm (PasswordFields), not also here.
    if (confirm !== password) return setSubmitted(true);
    setBusy(true);
    const result = await send('vault.setPassword', { newPassword: password });
    setBusy(false);
    if (!result.ok)
      return result.error.code === 'locked'
        ? shell.showLocked()
        : setError(passwordRefusal(result.error, policy));
    setPassword('');
    setConfirm('');
    shell.setStatus(result.value);
    if (await shell.reload()) {
      shell.go({ name: 'list' });
      showToast(t('password_set_done'));
    }
  };

  return (
    <main class="lock org-required" aria-labelledby={titleId}>
      <div class="lock-mark">
        <LockIcon />
      </div>
      <h2 id={titleId}>{t('org_password_title')}</h2>
      <p class="muted">{t('org_password_kept')}</p>
      <form class="form" onSubmit={save} noValidate>
        <PasswordRules policy={policy} id={rulesId} />
        <PasswordFields
          submitted={submitted}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          labels={{ password: t('new_password'), confirm: t('confirm_password') }}
          warning={t('org_password_forget')}
          describedBy={rulesId}
          autoFocus
        />
        <p class="error" role="alert">
          {error}
        </p>
        <button type="submit" class="btn btn-primary btn-wide" disabled={busy}>
          {t('password_set')}
        </button>
      </form>
      <OrgHelp policy={policy} class="lock-help" />
    </main>
  );
}
