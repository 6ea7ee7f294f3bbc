import { send } from '../../../../messaging/client';
import { t } from '../../../i18n';
import { showToast } from '../../../toast';

/**
 * Copies the setup key or link the way a code is copied (see copyCode): the page writes, and the
 * background clears the clipboard after the user's chosen delay. The worker clears whatever is
 * there, so the secret itself need not travel with the request.
 */
export async function copySecret(text: string, copiedMessage: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    showToast(t('setup_copy_failed'));
    return;
  }
  showToast(copiedMessage);
  void send('clipboard.scheduleClear', {});
}
