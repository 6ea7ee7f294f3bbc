import { useEffect, useRef } from 'preact/hooks';
import type { ImportOutcome } from '../../../../messaging/protocol';
import { t } from '../../../i18n';

/** Said once, with focus on it; "imported" counts what was added and what was completed. */
export function DoneStep({ outcome, onDone }: { outcome: ImportOutcome; onDone: () => void }) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const imported = outcome.added + outcome.merged;
  return (
    <div class="form import-done">
      <h3 ref={title} tabIndex={-1}>
        {imported === 1 ? t('restore_done_one') : t('restore_done', String(imported))}
      </h3>
      <p>
        {t('restore_done_detail', [String(outcome.added), String(outcome.merged), String(outcome.unchanged)])}
      </p>
      <p class="muted">{t('restore_done_popup')}</p>
      <button type="button" class="btn btn-primary" onClick={onDone}>
        {t('done')}
      </button>
    </div>
  );
}
