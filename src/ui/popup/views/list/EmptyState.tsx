import { HelpLink } from '../../../components/HelpLink';
import { ImportIcon, PlusIcon, ScanIcon } from '../../../components/icons';
import { t } from '../../../i18n';

interface Props {
  onScan: () => void;
  /** None where the organisation allows only scanning, or no import. */
  onType: (() => void) | undefined;
  onImport: (() => void) | undefined;
}

/**
 * No accounts yet. The three ways in are named differently from the header buttons on purpose:
 * a screen reader's button list would otherwise hold two "Import"s that look identical.
 */
export function EmptyState(props: Props) {
  return (
    <section class="panel empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty_title')}</h2>
      <p>{t('empty_what')}</p>
      <p>{t('empty_how')}</p>
      <div class="choices">
        <button type="button" class="choice" onClick={props.onScan}>
          <ScanIcon />
          <span class="choice-text">
            <span class="choice-title">{t('empty_scan')}</span>
            <span class="choice-hint">{t('empty_scan_hint')}</span>
          </span>
        </button>
        {props.onType && (
          <button type="button" class="choice" onClick={props.onType}>
            <PlusIcon />
            <span class="choice-text">
              <span class="choice-title">{t('empty_type')}</span>
              <span class="choice-hint">{t('empty_type_hint')}</span>
            </span>
          </button>
        )}
        {props.onImport && (
          <button type="button" class="choice" onClick={props.onImport}>
            <ImportIcon />
            <span class="choice-text">
              <span class="choice-title">{t('empty_import')}</span>
              <span class="choice-hint">{t('empty_import_hint')}</span>
            </span>
          </button>
        )}
      </div>
      <HelpLink />
    </section>
  );
}
