import { useId } from 'preact/hooks';
import { t } from '../../../i18n';

interface Props {
  title: string;
  text: string;
  action: string;
  onAction: () => void;
  onNotNow: () => void;
}

/** A suggestion above the list (password, backup): one action, and "Not now" to wave it away. */
export function Banner({ title, text, action, onAction, onNotNow }: Props) {
  const titleId = useId();
  return (
    <section class="banner" aria-labelledby={titleId}>
      <p>
        <strong id={titleId}>{title}</strong> {text}
      </p>
      <div class="panel-actions">
        <button type="button" class="btn btn-small btn-primary" onClick={onAction}>
          {action}
        </button>
        <button type="button" class="btn btn-small" onClick={onNotNow}>
          {t('nudge_not_now')}
        </button>
      </div>
    </section>
  );
}
