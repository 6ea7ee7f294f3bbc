import { useId, useState } from 'preact/hooks';
import type { ProtocolError } from '../../../../core/errors';
import type { Policy } from '../../../../core/policy/keys';
import { send } from '../../../../messaging/client';
import type { VaultStatus } from '../../../../messaging/protocol';
import { PasswordBox, PasswordFields } from '../../../components/PasswordFields';
import { errorText, t } from '../../../i18n';
import { showToast } from '../../../toast';
import { newPasswordProblem, passwordRefusal } from '../../password-rules';
import { PasswordRules } from '../policy/PasswordRules';

interface Props {
  status: VaultStatus;
  /** The organisation's rules for a new password, and whether one may be removed. */
  policy: Policy;
  /** Opened from "Lock" without a password: explain why we are here. */
  forLock: boolean;
  onStatus: (status: VaultStatus) => void;
  onLocked: () => void;
}

export function PasswordSection({ status, policy, forLock, onStatus, onLocked }: Props) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [removeCurrent, setRemoveCurrent] = useState('');
  const [error, setError] = useState('');
  const [removeError, setRemoveError] = useState('');
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const rulesId = useId();
  const requiredId = useId();
  // Tweestap's own floor needs no list of rules; an organisation's rules are said before typing.
  const hasRules = policy.passwordMinLength !== undefined || policy.passwordPattern !== undefined;

  const failed = (problem: ProtocolError, show: (text: string) => void) => {
    if (problem.code === 'locked') onLocked();
    else show(errorText(problem));
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    const problem = newPasswordProblem(password, policy);
    if (problem) return setError(problem);
    // Said once, under Confirm (PasswordFields), not also here.
    if (confirm !== password) return setSubmitted(true);
    if (status.hasPassword && !current) return setError(t('current_password_needed'));
    setBusy(true);
    const result = await send('vault.setPassword', {
      newPassword: password,
      ...(status.hasPassword ? { currentPassword: current } : {}),
    });
    setBusy(false);
    if (!result.ok) return failed(result.error, () => setError(passwordRefusal(result.error, policy)));
    setCurrent('');
    setPassword('');
    setConfirm('');
    showToast(status.hasPassword ? t('password_changed') : t('password_set_done'));
    onStatus(result.value);
  };

  const remove = async (event: Event) => {
    event.preventDefault();
    setRemoveError('');
    if (!removeCurrent) return setRemoveError(t('current_password_needed'));
    setBusy(true);
    const result = await send('vault.removePassword', { currentPassword: removeCurrent });
    setBusy(false);
    if (!result.ok) return failed(result.error, setRemoveError);
    setRemoveCurrent('');
    showToast(t('password_removed'));
    onStatus(result.value);
  };

  const fields = (
    <>
      {hasRules && <PasswordRules policy={policy} id={rulesId} />}
      <PasswordFields
        submitted={submitted}
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        labels={{ password: t('new_password'), confirm: t('confirm_password') }}
        warning={t('password_warning')}
        describedBy={hasRules ? rulesId : undefined}
        autoFocus={forLock && !status.hasPassword}
      />
    </>
  );

  return (
    <section class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('password_section')}</h2>
      <p class="note">{t('password_scope')}</p>
      {!status.hasPassword ? (
        <>
          <p class={forLock ? 'note is-strong' : 'note'}>
            {forLock ? t('lock_needs_password') : t('password_none')}
          </p>
          <form class="form" onSubmit={save}>
            {fields}
            <p class="error" role="alert">
              {error}
            </p>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('password_set')}
            </button>
          </form>
        </>
      ) : (
        <>
          <p class="note">{t('password_is_set')}</p>
          <details class="disclosure">
            <summary>{t('password_change')}</summary>
            <form class="form" onSubmit={save}>
              <PasswordBox label={t('current_password')} value={current} onInput={setCurrent} />
              {fields}
              <p class="error" role="alert">
                {error}
              </p>
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {t('password_change')}
              </button>
            </form>
          </details>
          {policy.requirePassword ? (
            <div class="field">
              <button type="button" class="btn" disabled aria-describedby={requiredId}>
                {t('password_remove')}
              </button>
              <span id={requiredId} class="org-locked">
                {t('org_locked')}
              </span>
            </div>
          ) : (
            <details class="disclosure">
              <summary>{t('password_remove')}</summary>
              <form class="form" onSubmit={remove}>
                <p class="note">{t('password_remove_hint')}</p>
                <PasswordBox label={t('current_password')} value={removeCurrent} onInput={setRemoveCurrent} />
                <p class="error" role="alert">
                  {removeError}
                </p>
                <button type="submit" class="btn btn-danger" disabled={busy}>
                  {t('password_remove')}
                </button>
              </form>
            </details>
          )}
        </>
      )}
    </section>
  );
}
