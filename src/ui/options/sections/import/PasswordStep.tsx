import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { type Problem, ProblemText } from '../../policy-notes';

interface Props {
  /** The app that made the file, named as it names itself. */
  app: string;
  fileName: string | undefined;
  busy: boolean;
  error: Problem;
  /** `error` is about the password (not the file): the box is marked, and selected to type again. */
  wrongPassword: boolean;
  onUnlock: (password: string) => void;
  onBack: () => void;
}

/** The file's own password (not the vault's): the page opens the file with it, nothing leaves the page. */
export function PasswordStep({ app, fileName, busy, error, wrongPassword, onUnlock, onBack }: Props) {
  const [password, setPassword] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => input.current?.focus(), []);
  // A wrong password is selected, so typing again replaces it.
  useEffect(() => {
    if (error && wrongPassword) input.current?.select();
  }, [error, wrongPassword]);

  return (
    <form
      class="form"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        if (password && !busy) onUnlock(password);
      }}
    >
      <h3 id={titleId}>{t('restore_password_title')}</h3>
      <div id={hintId} class="muted">
        <p>{t('import_password_for', app)}</p>
        {fileName && <p class="field-hint">{t('import_password_file', fileName)}</p>}
      </div>
      <label class="field" for={inputId}>
        <span class="field-label">{t('backup_password')}</span>
        <input
          ref={input}
          id={inputId}
          type="password"
          autocomplete="off"
          value={password}
          aria-invalid={error && wrongPassword ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      <p id={errorId} class="error" role="alert">
        <ProblemText problem={error} />
      </p>
      <p class="notice" role="status">
        {busy ? t('restore_opening') : ''}
      </p>
      <div class="form-buttons">
        <button type="button" class="btn" onClick={onBack}>
          {t('restore_other_file')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('unlock')}
        </button>
      </div>
    </form>
  );
}
