import { useState } from 'preact/hooks';
import type { StoredAccount } from '../../../core/account';
import { accountName } from '../../account-name';
import { AccountWarnings } from '../../components/AccountWarnings';
import { Avatar } from '../../components/Avatar';
import { LiveCode } from '../../components/LiveCode';
import { SubHeader } from '../../components/SubHeader';
import { useNow } from '../../components/useNow';
import { Who } from '../../components/Who';
import { t } from '../../i18n';
import { copyCode, nextCode } from '../account-actions';
import { fillIn } from '../fill-lazy';
import type { Shell } from '../shell';
import { SiteQuestion } from './added/SiteQuestion';
import { usePastedScan } from './scan/start-scan';

interface Props {
  shell: Shell;
  account: StoredAccount;
  /** The scan could not link it (see ScannedCode): ask whether it is for this site. */
  askSite?: string;
}

/** Right after a scan added an account: its first code, big, for the site that is waiting for it. */
export function AddedView({ shell, account, askSite }: Props) {
  const now = useNow();
  const name = accountName(account);
  const onDone = () => shell.back(account.id, true);
  const [asking, setAsking] = useState(!!askSite && account.sites.length === 0);
  usePastedScan(shell);
  return (
    <>
      <SubHeader title={t('scan_added')} onBack={onDone} focusTitle />
      <main class="view added">
        {asking && askSite && (
          <SiteQuestion shell={shell} account={account} site={askSite} onAnswered={() => setAsking(false)} />
        )}
        <section class="card" aria-label={name} aria-describedby="added-code">
          <div class="who-row">
            <Avatar name={name} />
            <Who account={account} />
          </div>
          <LiveCode account={account} now={now} id="added-code" onNext={() => nextCode(shell, account)} />
          <AccountWarnings account={account} />
          <p class="note is-strong">{t('added_next_step')}</p>
          <div class="form-buttons">
            <button type="button" class="btn" onClick={() => void copyCode(account)}>
              {t('copy')}
            </button>
            <button type="button" class="btn btn-primary" onClick={() => void fillIn(account, shell)}>
              {t('fill_here')}
            </button>
          </div>
        </section>
        {/* Under disableExport the setup key stays inside Tweestap: no way offered to show it. */}
        {!shell.policy.policy.disableExport && (
          <button
            type="button"
            class="btn btn-wide"
            onClick={() => shell.go({ name: 'setup', id: account.id })}
          >
            {t('setup_added_too')}
          </button>
        )}
        <button type="button" class="btn btn-wide" onClick={onDone}>
          {t('done')}
        </button>
      </main>
    </>
  );
}
