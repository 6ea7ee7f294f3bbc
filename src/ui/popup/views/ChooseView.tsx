import { accountName } from '../../account-name';
import { fillIn, pendingFill, siteName } from '../../fill-from-popup';
import { t } from '../../i18n';
import { showToast } from '../../toast';
import type { Shell } from '../shell';

interface Props {
  shell: Shell;
  tabId: number;
  site: string;
  ids: string[];
}

/**
 * Finishes what the shortcut or context menu started, now that the popup is open: with several
 * accounts for the page, this view asks which one.
 */
export async function finishPendingFill(shell: Shell): Promise<void> {
  const pending = await pendingFill();
  if (!pending) return;
  const { outcome, tabId } = pending;
  if (outcome.status === 'choose') {
    shell.go({ name: 'choose', tabId, site: outcome.site, ids: outcome.accounts.map((a) => a.id) });
  } else if (outcome.status === 'confirm-site') {
    await fillIn(outcome.account, shell, tabId);
  } else if (outcome.status === 'no-account') {
    showToast(t('fill_no_account', siteName(outcome.site)));
  }
}

export function ChooseView({ shell, tabId, site, ids }: Props) {
  const choices = shell.accounts.filter((account) => ids.includes(account.id));
  return (
    <main class="panel">
      <h2>{t('fill_choose_title', siteName(site))}</h2>
      <p class="muted">{t('fill_choose_hint')}</p>
      <div class="choices">
        {choices.map((account) => (
          <button
            key={account.id}
            type="button"
            class="choice"
            onClick={() => void fillIn(account, shell, tabId)}
          >
            <span class="choice-title">{accountName(account)}</span>
            <span class="choice-hint">{account.label}</span>
          </button>
        ))}
      </div>
      <div class="panel-actions">
        <button type="button" class="btn" onClick={() => shell.back()}>
          {t('back')}
        </button>
      </div>
    </main>
  );
}
