import { useEffect, useId, useState } from 'preact/hooks';
import type { ProtocolError } from '../../../core/errors';
import { send } from '../../../messaging/client';
import { PasswordFields } from '../../components/PasswordFields';
import { t, tCount } from '../../i18n';
import { MIN_PASSWORD_LENGTH } from '../../strength';
import { dateTimeText, downloadText } from '../download';
import { turnedOff, usePagePolicy } from '../page-policy';
import { PolicyReason, type Problem, ProblemText } from '../policy-notes';
import { ExportList } from './ExportList';

interface Props {
  /** The vault locked meanwhile (auto-lock): the page shows its unlock form again. */
  onLocked: () => void;
}

/**
 * The encrypted backup: a password chosen for this file (twice), then a download. The password is
 * sent to the worker, which alone reads every account; the page only gets the sealed text back.
 * Under `disableExport` only the reason is left, and the form's fields go with it.
 */
export function Backup({ onLocked }: Props) {
  const off = turnedOff(usePagePolicy().policy).backup;
  if (!off) return <BackupForm onLocked={onLocked} />;
  return (
    <section id="backup" class="card" aria-labelledby="backup-title">
      <h2 id="backup-title" tabIndex={-1}>
        {t('backup_title')}
      </h2>
      <PolicyReason text={t('options_policy_backup_off')} policyKey={off} />
    </section>
  );
}

function BackupForm({ onLocked }: Props) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem>('');
  const [saved, setSaved] = useState<{ count: number; fileName: string }>();
  const [lastBackupAt, setLastBackupAt] = useState<number>();
  const errorId = useId();

  const readLast = async () => {
    const settings = await send('settings.get', {});
    if (settings.ok) setLastBackupAt(settings.value.lastBackupAt);
  };
  useEffect(() => void readLast(), []);

  const failed = (failure: ProtocolError) => {
    if (failure.code === 'locked') onLocked();
    else setError(failure);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError('');
    setSaved(undefined);
    if (!password) return setError(t('backup_password_needed'));
    if (password.length < MIN_PASSWORD_LENGTH)
      return setError(t('password_too_short', String(MIN_PASSWORD_LENGTH)));
    // Said once, under Confirm (PasswordFields), not also here.
    if (confirm !== password) return setSubmitted(true);
    setBusy(true);
    const result = await send('backup.create', { password });
    setBusy(false);
    if (!result.ok) return failed(result.error);
    downloadText(result.value.fileName, result.value.text, 'application/octet-stream');
    setSaved({ count: result.value.count, fileName: result.value.fileName });
    setPassword('');
    setConfirm('');
    void readLast();
  };

  return (
    <section id="backup" class="card" aria-labelledby="backup-title" aria-busy={busy}>
      <h2 id="backup-title" tabIndex={-1}>
        {t('backup_title')}
      </h2>
      <p>{t('backup_intro')}</p>
      <p class="muted">{t('backup_apart')}</p>
      <p class="backup-last">
        {lastBackupAt === undefined
          ? ''
          : lastBackupAt > 0
            ? t('backup_last', dateTimeText(lastBackupAt))
            : t('backup_never')}
      </p>
      <form class="form backup-form" onSubmit={submit} noValidate>
        <PasswordFields
          submitted={submitted}
          password={password}
          confirm={confirm}
          onPassword={(value) => {
            setPassword(value);
            setError('');
          }}
          onConfirm={(value) => {
            setConfirm(value);
            setError('');
          }}
          labels={{ password: t('backup_password'), confirm: t('backup_password_confirm') }}
        />
        <p id={errorId} class="error" role="alert">
          <ProblemText problem={error} />
        </p>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('backup_save')}
        </button>
      </form>
      <p class="notice backup-status" role="status">
        {busy ? (
          t('backup_busy')
        ) : saved ? (
          <>
            <strong>{tCount('backup_saved', saved.count)}</strong>{' '}
            <span>{t('backup_saved_where', saved.fileName)}</span>
          </>
        ) : (
          ''
        )}
      </p>
      <ExportList onLocked={onLocked} />
    </section>
  );
}
