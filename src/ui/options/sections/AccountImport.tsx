import { t } from '../../i18n';

/** Import from another authenticator's export file; the page says it is coming until it is built. */
export function AccountImport() {
  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">{t('options_import_title')}</h2>
      <p class="muted">{t('options_import_later')}</p>
    </section>
  );
}
