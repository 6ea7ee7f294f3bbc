import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { VaultStatus } from '../../messaging/protocol';
import { AuthenticatorUnlock } from '../authenticator/AuthenticatorUnlock';
import { errorText, t, tCount, waitSeconds } from '../i18n';

interface Props {
  onUnlocked: (status: VaultStatus) => void | Promise<void>;
  /** The submit button spans the form (the popup's narrow lock screen). */
  wide?: boolean;
}

/**
 * Password and Unlock, for the popup's lock screen and the options page alike. The background
 * throttles wrong tries; the button waits with it and the message says how long.
 */
export function UnlockForm({ onUnlocked, wide }: Props) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  // Locked, this form is what the screen is waiting for.
  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    if (!waitUntil) return;
    // The wait's message goes with the wait: past it, Unlock is back and nothing needs saying.
    const timer = setTimeout(
      () => {
        setWaitUntil(0);
        setError('');
      },
      Math.max(0, waitUntil - Date.now()),
    );
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
      await onUnlocked(result.value);
      return;
    }
    const wait = result.error.retryAfterMs ?? 0;
    const seconds = waitSeconds(wait);
    if (result.error.code === 'wrong-password' && wait > 0) {
      setError(tCount('wrong_password_wait', seconds));
    } else {
      setError(errorText(result.error));
    }
    if (wait > 0) setWaitUntil(Date.now() + wait);
    input.current?.select();
  };

  return (
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
            // While Unlock waits, the message says why it does: typing must not take that away.
            if (!waitUntil) setError('');
          }}
        />
      </label>
      <p id={errorId} class="error" role="alert">
        {error}
      </p>
      <button
        type="submit"
        class={wide ? 'btn btn-primary btn-wide' : 'btn btn-primary'}
        disabled={busy || waitUntil > 0}
      >
        {t('unlock')}
      </button>
      <AuthenticatorUnlock onUnlocked={onUnlocked} wide={wide} />
    </form>
  );
}
