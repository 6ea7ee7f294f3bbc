import { BACKGROUND_MESSAGES, OFFSCREEN_MESSAGES } from '../messaging/protocol';
import { type BackgroundRouter, Router } from '../messaging/router';
import { registerAuthenticatorHandlers } from './authenticators';
import { registerBackupHandlers } from './backup';
import { registerClipboard } from './clipboard';
import { registerFill } from './fill';
import { askPolicy, registerPolicy } from './policy';
import { registerScan } from './scan';
import { registerSettingsHandlers } from './settings';
import { registerSitesHandlers } from './sites';
import { registerSync } from './sync';
import { getVault, registerAutoLock, registerVaultHandlers } from './vault-service';

/**
 * Every capability of the worker, registered on one router: the list a newcomer reads to find where
 * a message is handled. Kept apart from the entrypoint so unit tests can run it with `fakeBrowser`.
 */
export function registerBackground(runtimeId: string, extensionOrigin: string): BackgroundRouter {
  const router = new Router(BACKGROUND_MESSAGES, runtimeId, extensionOrigin, askPolicy, OFFSCREEN_MESSAGES);
  registerVaultHandlers(router);
  registerAuthenticatorHandlers(router);
  registerSettingsHandlers(router);
  registerClipboard(router);
  registerFill(router);
  registerScan(router);
  registerSitesHandlers(router);
  registerBackupHandlers(router);
  registerPolicy(router);
  registerSync(router);
  registerAutoLock();
  // Open the vault at start so the first popup does not wait for it.
  void getVault();
  return router;
}
