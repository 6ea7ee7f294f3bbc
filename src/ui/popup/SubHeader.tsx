import { t } from '../i18n';
import { BackIcon } from '../icons';

/** The bar of every view inside the popup: Back and where you are. */
export function SubHeader({ title, onBack }: { title: string; onBack: () => void }) {
  return (
    <header class="topbar">
      <div class="topbar-row">
        <button type="button" class="icon-btn" aria-label={t('back')} title={t('back')} onClick={onBack}>
          <BackIcon />
        </button>
        <h1 class="view-title">{title}</h1>
      </div>
    </header>
  );
}
