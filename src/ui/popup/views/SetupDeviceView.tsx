import { useEffect, useState } from 'preact/hooks';
import type { StoredAccount } from '../../../core/account';
import { send } from '../../../messaging/client';
import { accountName } from '../../account-name';
import { Avatar } from '../../components/Avatar';
import { WarningIcon } from '../../components/icons';
import { OrgHelp } from '../../components/OrgHelp';
import { SubHeader } from '../../components/SubHeader';
import { Who } from '../../components/Who';
import { errorText, type MessageKey, t } from '../../i18n';
import type { Shell } from '../shell';
import { useLockWatch } from './setup/lock-watch';
import { ShownSetup } from './setup/ShownSetup';
import { SETUP_ASKED, warmQrEncoder } from './setup/timing';

interface Props {
  shell: Shell;
  account: StoredAccount;
}

/**
 * "Set up another device": a site's setup QR code is gone once its first code is typed, so this
 * shows it (and its key) again, for a colleague's phone, a work phone or a password manager. The
 * secret is fetched only on the user's click and lives only in this view's state: closing the
 * popup, going back or a lock forgets it.
 */
export function SetupDeviceView({ shell, account }: Props) {
  const name = accountName(account);
  const [uri, setUri] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [refused, setRefused] = useState(false);
  const { policy } = shell.policy;
  // The worker refuses too; saying so first spares the user a button that cannot work.
  const forbidden = policy.disableExport === true;

  useEffect(warmQrEncoder, []);
  useLockWatch(uri !== undefined, () => {
    setUri(undefined);
    shell.showLocked();
  });

  const show = async () => {
    performance.mark(SETUP_ASKED);
    setError('');
    setBusy(true);
    const result = await send('vault.setupKey', { id: account.id });
    setBusy(false);
    if (result.ok) return setUri(result.value.uri);
    if (result.error.code === 'locked') return shell.failed(result.error);
    setRefused(result.error.code === 'policy-forbidden');
    setError(errorText(result.error));
  };

  const caution: MessageKey | undefined =
    account.type === 'hotp' ? 'setup_hotp_drift' : account.type === 'steam' ? 'setup_steam' : undefined;
  const warning = caution && (
    <p class="warning" data-warning={caution}>
      <WarningIcon />
      <span>{t(caution)}</span>
    </p>
  );

  return (
    <>
      <SubHeader title={t('setup_title')} onBack={() => shell.back(account.id)} focusTitle />
      <main class="view setup">
        <section class="card" aria-label={name}>
          <div class="who-row">
            <Avatar name={name} />
            <Who account={account} />
          </div>
          {forbidden ? (
            <>
              <p class="note is-strong">{t('org_setup_forbidden')}</p>
              <OrgHelp policy={policy} />
            </>
          ) : uri ? (
            <>
              <ShownSetup uri={uri} name={name} />
              {warning}
              <p class="note">{t('setup_hides')}</p>
            </>
          ) : (
            <>
              <p>{t('setup_intro')}</p>
              <p>{t('setup_secret_warning')}</p>
              {warning}
              <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void show()}>
                {t('setup_show')}
              </button>
              <p class="error" role="alert">
                {error}
              </p>
              {refused && <OrgHelp policy={policy} />}
            </>
          )}
        </section>
      </main>
    </>
  );
}
