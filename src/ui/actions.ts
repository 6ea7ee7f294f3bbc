import { t } from './i18n';
import { showToast } from './toast';

/** Placeholders until scanning and importing land (later issues); the buttons already exist. */
export function scanQrCode(): void {
  showToast(t('coming_soon'));
}

export function importAccounts(): void {
  showToast(t('coming_soon'));
}
