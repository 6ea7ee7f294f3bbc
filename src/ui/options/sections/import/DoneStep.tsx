import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ImportOutcome } from '../../../../messaging/protocol';
import { t, tCount } from '../../../i18n';

/**
 * The toolbar popup, opened from this page. Chrome allows it only on a user gesture in a focused
 * window (and Firefox and older Chrome not at all), so a refusal is expected: false tells the
 * caller to point at the toolbar icon instead.
 */
async function openPopup(): Promise<boolean> {
  const action = browser.action as { openPopup?: () => Promise<void> } | undefined;
  if (typeof action?.openPopup !== 'function') return false;
  try {
    await action.openPopup();
    return true;
  } catch {
    return false;
  }
}

/** Said once, with focus on it; "imported" counts what was added and what was completed. */
export function DoneStep({ outcome, onDone }: { outcome: ImportOutcome; onDone: () => void }) {
  const title = useRef<HTMLHeadingElement>(null);
  const [popupFailed, setPopupFailed] = useState(false);
  useEffect(() => title.current?.focus(), []);
  const imported = outcome.added + outcome.merged;
  return (
    <div class="form import-done">
      <h3 ref={title} tabIndex={-1}>
        {tCount('restore_done', imported)}
      </h3>
      <p>
        {t('restore_done_detail', [String(outcome.added), String(outcome.merged), String(outcome.unchanged)])}
      </p>
      {/* Empty until the popup could not be opened: a live region must exist before it speaks. */}
      <p class={popupFailed ? 'note is-strong' : 'note'} role="status">
        {popupFailed ? t('restore_done_popup') : ''}
      </p>
      <div class="form-buttons">
        <button type="button" class="btn" onClick={onDone}>
          {t('done')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          onClick={() => void openPopup().then((opened) => setPopupFailed(!opened))}
        >
          {t('import_open_popup')}
        </button>
      </div>
    </div>
  );
}
