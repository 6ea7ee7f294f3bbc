import { useId, useState } from 'preact/hooks';
import type { ProtocolError } from '../../../../core/errors';
import { send } from '../../../../messaging/client';
import type { VaultStatus } from '../../../../messaging/protocol';
import { PasswordFields } from '../../../components/PasswordFields';
import { errorText, t } from '../../../i18n';
import { MIN_PASSWORD_LENGTH } from '../../../strength';
import { showToast } from '../../../toast';

interface Props {
  status: VaultStatus;
  /** Opened from "Lock" without a password: explain why we are here. */
  forLock: boolean;
  onStatus: (status: VaultStatus) => void;
  onLocked: () => void;
}

function CurrentPassword({ value, onInput }: { value: string; onInput: (value: string) => void }) {
  const id = useId();
  return (
    <label class="field" for={id}>
      <span class="field-label">{t('current_password')}</span>
      <input
        id={id}
        type="password"
        autocomplete="current-password"
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </label>
  );
}

export function PasswordSection({ status, forLock, onStatus, onLocked }: Props) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [removeCurrent, setRemoveCurrent] = useState('');
  const [error, setError] = useState('');
  const [removeError, setRemoveError] = useState('');
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  const failed = (problem: ProtocolError, show: (text: string) => void) => {
    if (problem.code === 'locked') onLocked();
    else show(errorText(problem));
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    if (password.length < MIN_PASSWORD_LENGTH)
      return setError(t('password_too_short', String(MIN_PASSWORD_LENGTH)));
    // A wrong confirmation is already said under it; an empty one is not, yet.
    if (confirm !== password) return confirm ? undefined : setError(t('password_mismatch'));
    if (status.hasPassword && !current) return setError(t('current_password_needed'));
    setBusy(true);
    const result = await send('vault.setPassword', {
      newPassword: password,
      ...(status.hasPassword ? { currentPassword: current } : {}),
    });
    setBusy(false);
    if (!result.ok) return failed(result.error, setError);
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
    <PasswordFields
      password={password}
      confirm={confirm}
      onPassword={setPassword}
      onConfirm={setConfirm}
      labels={{ password: t('new_password'), confirm: t('confirm_password') }}
      warning={t('password_warning')}
      autoFocus={forLock && !status.hasPassword}
    />
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
              <CurrentPassword value={current} onInput={setCurrent} />
              {fields}
              <p class="error" role="alert">
                {error}
              </p>
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {t('password_change')}
              </button>
            </form>
          </details>
          <details class="disclosure">
            <summary>{t('password_remove')}</summary>
            <form class="form" onSubmit={remove}>
              <p class="note">{t('password_remove_hint')}</p>
              <CurrentPassword value={removeCurrent} onInput={setRemoveCurrent} />
              <p class="error" role="alert">
                {removeError}
              </p>
              <button type="submit" class="btn btn-danger" disabled={busy}>
                {t('password_remove')}
              </button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}
