import type { StoredAccount } from '../../core/account';
import { t } from '../i18n';
import { Who } from '../ScanResults';
import { accountName } from './AccountRow';
import { Avatar } from './Avatar';
import { LiveCode } from './LiveCode';
import { SubHeader } from './SubHeader';
import { useNow } from './useNow';

interface Props {
  account: StoredAccount;
  onCopy: () => void;
  onFill: () => void;
  onNext: () => void;
  onDone: () => void;
}

/** Right after a scan added an account: its first code, big, for the site that is waiting for it. */
export function AddedView({ account, onCopy, onFill, onNext, onDone }: Props) {
  const now = useNow();
  const name = accountName(account);
  return (
    <>
      <SubHeader title={t('scan_added')} onBack={onDone} focusTitle />
      <main class="view added">
        <section class="card" aria-label={name} aria-describedby="added-code">
          <div class="who-row">
            <Avatar name={name} />
            <Who account={account} />
          </div>
          <LiveCode account={account} now={now} id="added-code" onNext={onNext} />
          <p class="note is-strong">{t('added_next_step')}</p>
          <div class="form-buttons">
            <button type="button" class="btn" onClick={onCopy}>
              {t('copy')}
            </button>
            <button type="button" class="btn btn-primary" onClick={onFill}>
              {t('fill_here')}
            </button>
          </div>
        </section>
        <button type="button" class="btn btn-wide" onClick={onDone}>
          {t('done')}
        </button>
      </main>
    </>
  );
}
