import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { LockIcon } from '../../components/icons';
import { errorText, t, waitSeconds } from '../../i18n';
import { HELP_URL } from '../../links';
import type { Shell } from '../shell';
import { finishPendingFill } from './ChooseView';

export function LockedView({ shell }: { shell: Shell }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  useEffect(() => input.current?.focus(), []);

  // After "too many tries" the button stays off until the background will listen again.
  useEffect(() => {
    if (!waitUntil) return;
    const timer = setTimeout(() => setWaitUntil(0), Math.max(0, waitUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [waitUntil]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    // Emptied first so the same message twice is still announced twice.
    setError('');
    const result = await send('vault.unlock', { password });
    setBusy(false);
    if (result.ok) {
      setPassword('');
      shell.setStatus(result.value);
      if (await shell.reload()) {
        shell.go({ name: 'list' });
        void finishPendingFill(shell);
      }
      return;
    }
    // After a few wrong tries the background makes you wait; say so, and wait with it.
    const wait = result.error.retryAfterMs ?? 0;
    const seconds = waitSeconds(wait);
    if (result.error.code === 'wrong-password' && wait > 0) {
      setError(seconds === 1 ? t('wrong_password_wait_one') : t('wrong_password_wait', String(seconds)));
    } else {
      setError(errorText(result.error));
    }
    if (wait > 0) setWaitUntil(Date.now() + wait);
    input.current?.select();
  };

  return (
    <main class="lock">
      <div class="lock-mark">
        <LockIcon />
      </div>
      <h2>{t('locked_title')}</h2>
      <p class="muted">{t('locked_hint')}</p>
      <form class="form" onSubmit={submit}>
        <label class="field" for={inputId}>
          <span class="field-label">{t('password')}</span>
          <input
            ref={input}
            id={inputId}
            type="password"
            autocomplete="current-password"
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onInput={(event) => {
              setPassword(event.currentTarget.value);
              setError('');
            }}
          />
        </label>
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
        <button type="submit" class="btn btn-primary btn-wide" disabled={busy || waitUntil > 0}>
          {t('unlock')}
        </button>
      </form>
      <a class="link lock-help" href={HELP_URL} target="_blank" rel="noopener noreferrer">
        {t('forgot_password')}
      </a>
    </main>
  );
}
