import { useId, useState } from 'preact/hooks';
import { otpauthList } from '../../../core/formats/otpauth-list';
import { send } from '../../../messaging/client';
import { WarningIcon } from '../../components/icons';
import { t, tCount } from '../../i18n';
import { downloadText } from '../download';
import { turnedOff, usePagePolicy } from '../page-policy';
import { PolicyReason, type Problem, ProblemText } from '../policy-notes';

/** `tweestap-accounts-YYYY-MM-DD.txt`, by the local calendar like the backup's name. */
export function listFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `tweestap-accounts-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.txt`;
}

/**
 * Every account as a plain otpauth link, for moving to an app that cannot read our backup. Folded
 * away and behind a confirmation: unlike the backup, this file opens for anyone who has it. Where
 * the organisation allows no file without a password, only its title and the reason are left.
 */
export function ExportList({ onLocked }: { onLocked: () => void }) {
  const off = turnedOff(usePagePolicy().policy).plain;
  if (!off) return <ExportForm onLocked={onLocked} />;
  return (
    <div class="export-list is-off">
      <p class="export-off-title">{t('export_title')}</p>
      <PolicyReason text={t('options_policy_list_off')} policyKey={off} />
    </div>
  );
}

function ExportForm({ onLocked }: { onLocked: () => void }) {
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: Problem; error: boolean }>();
  const warningId = useId();

  const download = async () => {
    if (!understood || busy) return;
    setBusy(true);
    setMessage(undefined);
    const result = await send('backup.export', {});
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'locked') return onLocked();
      return setMessage({ text: result.error, error: true });
    }
    const { accounts } = result.value;
    downloadText(listFileName(new Date()), otpauthList(accounts), 'text/plain');
    setMessage({
      text: tCount('export_done', accounts.length),
      error: false,
    });
  };

  return (
    <details class="disclosure export-list">
      <summary>{t('export_title')}</summary>
      <div class="form">
        <p class="muted">{t('export_intro')}</p>
        <p id={warningId} class="warning">
          <WarningIcon />
          <span>{t('export_warning')}</span>
        </p>
        <label class="check">
          <input
            type="checkbox"
            checked={understood}
            aria-describedby={warningId}
            onChange={(event) => setUnderstood(event.currentTarget.checked)}
          />
          <span>{t('export_confirm')}</span>
        </label>
        <button type="button" class="btn" disabled={!understood || busy} onClick={() => void download()}>
          {t('export_download')}
        </button>
        <p class={message?.error ? 'error' : 'notice'} role="status">
          <ProblemText problem={message?.text} />
        </p>
      </div>
    </details>
  );
}
