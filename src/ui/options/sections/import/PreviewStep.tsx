import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { NewAccount } from '../../../../core/account';
import type { SkippedEntry } from '../../../../core/formats/importer';
import type { ImportPreviewEntry, ImportStatus } from '../../../../messaging/protocol';
import { accountName } from '../../../account-name';
import { Avatar } from '../../../components/Avatar';
import { Who } from '../../../components/Who';
import { t } from '../../../i18n';
import { type Problem, ProblemText } from '../../policy-notes';
import { SkippedList } from './SkippedList';

interface Props {
  title: string;
  /** The app the file was read as. */
  app: string;
  accounts: NewAccount[];
  entries: ImportPreviewEntry[];
  skipped: SkippedEntry[];
  busy: boolean;
  error: Problem;
  /** The indexes of the accounts to bring in. */
  onImport: (chosen: number[]) => void;
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

/** Only new and changed accounts change anything, so only they can be chosen. */
const choosable = (entry: ImportPreviewEntry | undefined) => entry !== undefined && entry.status !== 'same';

/** Everything the file holds, what importing does with each, and what it leaves out, before anything is stored. */
export function PreviewStep(props: Props) {
  const { accounts, entries, busy, error } = props;
  const title = useRef<HTMLHeadingElement>(null);
  const listId = useId();
  useEffect(() => title.current?.focus(), []);
  const counts = useMemo(() => {
    const count = (status: ImportStatus) => entries.filter((entry) => entry.status === status).length;
    return { new: count('new'), same: count('same'), changed: count('changed') };
  }, [entries]);
  const importable = useMemo(
    () => entries.flatMap((entry, index) => (choosable(entry) ? [index] : [])),
    [entries],
  );
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set(importable));
  const all = chosen.size === importable.length;

  const toggle = (index: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(index);
    else next.delete(index);
    setChosen(next);
  };

  return (
    <div class="form">
      <h3 ref={title} tabIndex={-1}>
        {props.title}
      </h3>
      <p class="field-hint">{t('import_read_as', props.app)}</p>
      <p class="note is-strong import-counts">
        {t('restore_counts', [String(counts.new), String(counts.same), String(counts.changed)])}
      </p>
      {importable.length > 1 && (
        <div class="import-select-tools">
          <button
            type="button"
            class="btn btn-small"
            disabled={busy}
            onClick={() => setChosen(all ? new Set() : new Set(importable))}
          >
            {all ? t('import_select_none') : t('import_select_all')}
          </button>
        </div>
      )}
      <ul id={listId} class="choices found import-list" aria-label={t('restore_list_label')}>
        {accounts.map((account, index) => {
          const entry = entries[index];
          if (!entry) return null;
          const name = [account.issuer, account.label].filter(Boolean).join(', ') || accountName(account);
          return (
            <li key={index} data-status={entry.status}>
              {choosable(entry) ? (
                <input
                  type="checkbox"
                  class="import-check"
                  checked={chosen.has(index)}
                  disabled={busy}
                  aria-label={t('import_select', name)}
                  onChange={(event) => toggle(index, event.currentTarget.checked)}
                />
              ) : (
                <span class="import-check" aria-hidden="true" />
              )}
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
      {props.skipped.length > 0 && <SkippedList skipped={props.skipped} />}
      {counts.changed > 0 && <p class="field-hint">{t('restore_merge_note')}</p>}
      {importable.length === 0 && <p class="field-hint">{t('restore_nothing_new')}</p>}
      <p class="error" role="alert">
        <ProblemText problem={error} />
      </p>
      <p class="notice" role="status">
        {busy ? t('restore_importing') : ''}
      </p>
      <div class="form-buttons import-actions">
        <button type="button" class="btn" onClick={props.onCancel} disabled={busy}>
          {t('cancel')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          onClick={() => props.onImport(importable.filter((index) => chosen.has(index)))}
          disabled={busy || (!all && chosen.size === 0)}
        >
          {all ? t('restore_import_all') : t('import_selected', String(chosen.size))}
        </button>
      </div>
    </div>
  );
}
