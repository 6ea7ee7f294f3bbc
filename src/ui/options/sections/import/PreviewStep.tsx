import { useEffect, useId, useRef } from 'preact/hooks';
import type { NewAccount } from '../../../../core/account';
import type { ImportPreviewEntry, ImportStatus } from '../../../../messaging/protocol';
import { accountName } from '../../../account-name';
import { Avatar } from '../../../components/Avatar';
import { Who } from '../../../components/ScanResults';
import { t } from '../../../i18n';

interface Props {
  fileName: string;
  accounts: NewAccount[];
  entries: ImportPreviewEntry[];
  /** Lines of a link list that were not accounts. */
  failedLines: number;
  busy: boolean;
  error: string;
  onImport: () => void;
  onCancel: () => void;
}

const STATUS_TEXT: Record<
  ImportStatus,
  'restore_status_new' | 'restore_status_same' | 'restore_status_changed'
> = {
  new: 'restore_status_new',
  same: 'restore_status_same',
  changed: 'restore_status_changed',
};

function countOf(entries: ImportPreviewEntry[], status: ImportStatus): number {
  return entries.filter((entry) => entry.status === status).length;
}

/** Everything the file holds and what importing does with each, before anything is stored. */
export function PreviewStep(props: Props) {
  const { accounts, entries, busy, error } = props;
  const title = useRef<HTMLHeadingElement>(null);
  const listId = useId();
  useEffect(() => title.current?.focus(), []);
  const counts = {
    new: countOf(entries, 'new'),
    same: countOf(entries, 'same'),
    changed: countOf(entries, 'changed'),
  };

  return (
    <div class="form">
      <h3 ref={title} tabIndex={-1}>
        {t('restore_preview_title', props.fileName)}
      </h3>
      <p class="note is-strong import-counts">
        {t('restore_counts', [String(counts.new), String(counts.same), String(counts.changed)])}
      </p>
      {props.failedLines > 0 && <p class="warning">{t('restore_failed_lines', String(props.failedLines))}</p>}
      <ul id={listId} class="choices found import-list" aria-label={t('restore_list_label')}>
        {accounts.map((account, index) => {
          const entry = entries[index];
          if (!entry) return null;
          return (
            <li key={index} data-status={entry.status}>
              <Avatar name={accountName(account) || '?'} />
              <Who account={account}>
                {entry.status === 'changed' && entry.merges && (
                  <span class="choice-hint">
                    {t('restore_adds', entry.merges.map((field) => t(`merge_${field}`)).join(', '))}
                  </span>
                )}
              </Who>
              <span class={`import-status is-${entry.status}`}>{t(STATUS_TEXT[entry.status])}</span>
            </li>
          );
        })}
      </ul>
      {counts.changed > 0 && <p class="field-hint">{t('restore_merge_note')}</p>}
      {counts.new + counts.changed === 0 && <p class="field-hint">{t('restore_nothing_new')}</p>}
      <p class="error" role="alert">
        {error}
      </p>
      <p class="notice" role="status">
        {busy ? t('restore_importing') : ''}
      </p>
      <div class="form-buttons import-actions">
        <button type="button" class="btn" onClick={props.onCancel} disabled={busy}>
          {t('cancel')}
        </button>
        <button type="button" class="btn btn-primary" onClick={props.onImport} disabled={busy}>
          {t('restore_import_all')}
        </button>
      </div>
    </div>
  );
}
