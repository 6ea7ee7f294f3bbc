import { Toast } from '../components/Toast';
import { t } from '../i18n';
import { AccountImport } from './sections/AccountImport';
import { ImageImport } from './sections/ImageImport';

/**
 * The full page for what needs files (a popup closes as soon as a file picker opens) or room. Each
 * section is a component of its own in sections/: a new one is a file there and a line here.
 */
export function OptionsApp() {
  return (
    <div class="page">
      <header class="page-head">
        <h1 class="brand">
          <img class="logo" src="/icon/tweestap.svg" alt="" width="32" height="32" />
          <span>{t('extName')}</span>
        </h1>
      </header>
      <main class="page-main">
        <ImageImport />
        <AccountImport />
      </main>
      <Toast />
    </div>
  );
}
