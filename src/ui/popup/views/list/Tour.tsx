import { HelpLink } from '../../../components/HelpLink';
import { LogoMark } from '../../../components/icons';
import { t } from '../../../i18n';

/** First run: one screen, what Tweestap is for and the one habit that saves people later. */
export function Tour({ onDone }: { onDone: () => void }) {
  return (
    <section class="panel tour" aria-labelledby="tour-title">
      <div class="tour-mark">
        <LogoMark />
      </div>
      <h2 id="tour-title">{t('tour_title')}</h2>
      <p>{t('tour_what')}</p>
      <ul class="tour-points">
        <li>{t('tour_point_copy')}</li>
        <li>{t('tour_point_local')}</li>
        <li>{t('tour_point_backup')}</li>
      </ul>
      <div class="panel-actions">
        <button type="button" class="btn btn-primary" onClick={onDone}>
          {t('tour_done')}
        </button>
        <HelpLink />
      </div>
    </section>
  );
}
