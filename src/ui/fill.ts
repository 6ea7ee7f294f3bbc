import type { StoredAccount } from '../core/account';
import { t } from './i18n';
import { showToast } from './toast';

/** Fills the code into the current page. A later issue wires this to the content script. */
export function fillIn(_account: StoredAccount): void {
  showToast(t('fill_soon'));
}
