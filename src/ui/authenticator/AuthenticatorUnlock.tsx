import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { AuthenticatorEntry, VaultStatus } from '../../messaging/protocol';
import { errorText, t } from '../i18n';
import { fetchPolicy } from '../policy';
import { askAuthenticator, authenticatorsMayWork, CeremonyError } from './ceremony';
import { userVerificationFor } from './names';
import './authenticator.css';

interface Props {
  onUnlocked: (status: VaultStatus) => void | Promise<void>;
  wide?: boolean;
}

/** "Unlock with this computer", beside the password, once an authenticator is registered. */
export function AuthenticatorUnlock({ onUnlocked, wide }: Props) {
  const [options, setOptions] = useState<{ prfSalt: string; authenticators: AuthenticatorEntry[] }>();
  const [uv, setUv] = useState<UserVerificationRequirement>('required');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([send('vault.authenticators', {}), fetchPolicy(), authenticatorsMayWork()]).then(
      ([listed, { policy }, mayWork]) => {
        if (!live || !listed.ok || !mayWork || listed.value.authenticators.length === 0) return;
        if (policy.allowPasskeyUnlock === false) return;
        setUv(userVerificationFor(policy.requireUserVerification));
        setOptions(listed.value);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  if (!options) return null;

  const unlock = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const answer = await askAuthenticator({ ...options, userVerification: uv });
      const result = await send('vault.unlockWithAuthenticator', answer);
      if (result.ok) await onUnlocked(result.value);
      else
        setError(
          result.error.code === 'wrong-authenticator'
            ? errorText(result.error)
            : t('unlock_authenticator_failed'),
        );
    } catch (problem) {
      setError(
        problem instanceof CeremonyError && problem.problem === 'cancelled'
          ? t('authenticator_cancelled')
          : t('unlock_authenticator_failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="authenticator-unlock">
      <p class="divider" aria-hidden="true">
        <span>{t('unlock_or')}</span>
      </p>
      <button type="button" class={wide ? 'btn btn-wide' : 'btn'} disabled={busy} onClick={unlock}>
        {t('unlock_with_authenticator')}
      </button>
      <p class="error" role="alert">
        {error}
      </p>
    </div>
  );
}
