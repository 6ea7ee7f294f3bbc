import { useEffect, useId, useState } from 'preact/hooks';
import type { ProtocolError } from '../../../../core/errors';
import type { Policy } from '../../../../core/policy/keys';
import { send } from '../../../../messaging/client';
import type { AuthenticatorEntry, VaultStatus } from '../../../../messaging/protocol';
import { authenticatorsMayWork, CeremonyError, registerAuthenticator } from '../../../authenticator/ceremony';
import { authenticatorName, ceremonyProblemText, userVerificationFor } from '../../../authenticator/names';
import { errorText, pageLanguage, t } from '../../../i18n';
import { showToast } from '../../../toast';
import '../../../authenticator/authenticator.css';

interface Props {
  status: VaultStatus;
  policy: Policy;
  onLocked: () => void;
}

const dateLabel = (time: number) =>
  new Date(time).toLocaleDateString(pageLanguage(), { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * Settings → "Unlock with Windows Hello or a security key": register the computer's own authenticator
 * (or a security key) as a key slot beside the password, list them, remove one.
 */
export function AuthenticatorSection({ status, policy, onLocked }: Props) {
  const [entries, setEntries] = useState<AuthenticatorEntry[]>([]);
  const [mayWork, setMayWork] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const titleId = useId();
  const whyId = useId();
  const forbidden = policy.allowPasskeyUnlock === false;

  // A password change or removal takes every authenticator with it: the status that says so reloads.
  useEffect(() => {
    let live = true;
    void Promise.all([send('vault.authenticators', {}), authenticatorsMayWork()]).then(([listed, works]) => {
      if (!live) return;
      if (listed.ok) setEntries(listed.value.authenticators);
      setMayWork(works);
    });
    return () => {
      live = false;
    };
  }, [status]);

  const failed = (problem: ProtocolError) => {
    if (problem.code === 'locked') onLocked();
    else setError(errorText(problem));
  };

  const add = async () => {
    setBusy(true);
    setError('');
    try {
      const salt = await send('vault.authenticatorSalt', {});
      if (!salt.ok) return failed(salt.error);
      const made = await registerAuthenticator({
        prfSalt: salt.value.prfSalt,
        existing: entries,
        userVerification: userVerificationFor(policy.requireUserVerification),
      });
      const name = authenticatorName(
        made.attachment,
        entries.map((entry) => entry.name),
      );
      const added = await send('vault.addAuthenticator', {
        credentialId: made.credentialId,
        transports: made.transports,
        prf: made.prf,
        name,
      });
      if (!added.ok) return failed(added.error);
      setEntries([
        ...entries.filter((entry) => entry.credentialId !== added.value.credentialId),
        added.value,
      ]);
      showToast(t('authenticator_added', name));
    } catch (problem) {
      setError(ceremonyProblemText(problem instanceof CeremonyError ? problem.problem : 'failed'));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: AuthenticatorEntry) => {
    setError('');
    const removed = await send('vault.removeAuthenticator', { credentialId: entry.credentialId });
    if (!removed.ok) return failed(removed.error);
    setEntries(entries.filter((other) => other.credentialId !== entry.credentialId));
    showToast(t('authenticator_removed', entry.name));
  };

  // Said plainly, and nothing offered, where this browser cannot do it at all.
  const why = forbidden
    ? t('org_locked')
    : mayWork === false
      ? t('authenticator_unsupported')
      : !status.hasPassword
        ? t('authenticator_needs_password')
        : '';

  return (
    <section class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('authenticator_title')}</h2>
      <p class="note">{t('authenticator_intro')}</p>
      {entries.length > 0 && (
        <ul class="authenticator-list" aria-label={t('authenticator_list_label')}>
          {entries.map((entry) => (
            <li key={entry.credentialId}>
              <span>
                <span class="authenticator-name">{entry.name}</span>{' '}
                <span class="muted">{t('authenticator_added_on', dateLabel(entry.createdAt))}</span>
              </span>
              <button
                type="button"
                class="btn btn-small"
                aria-label={t('authenticator_remove_for', entry.name)}
                onClick={() => remove(entry)}
              >
                {t('authenticator_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {mayWork !== false && (
        <div class="field">
          <button
            type="button"
            class="btn"
            disabled={busy || Boolean(why) || mayWork === undefined}
            aria-describedby={why ? whyId : undefined}
            onClick={add}
          >
            {t('authenticator_add')}
          </button>
          {why && (
            <span id={whyId} class={forbidden ? 'org-locked' : 'field-hint'}>
              {why}
            </span>
          )}
        </div>
      )}
      {mayWork === false && <p class="note">{why}</p>}
      {busy && (
        <p class="note" role="status">
          {t('authenticator_busy')}
        </p>
      )}
      {entries.length > 0 && <p class="field-hint">{t('authenticator_password_note')}</p>}
      <p class="error" role="alert">
        {error}
      </p>
    </section>
  );
}
