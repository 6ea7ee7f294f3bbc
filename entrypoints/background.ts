import { browser } from 'wxt/browser';
import { registerClipboard } from '../src/background/clipboard';
import { registerCodeHandlers } from '../src/background/codes';
import { registerFill } from '../src/background/fill';
import { registerScan } from '../src/background/scan';
import { registerSettingsHandlers } from '../src/background/settings';
import { getVault, registerAutoLock, registerVaultHandlers } from '../src/background/vault-service';
import { isEnvelope } from '../src/messaging/protocol';
import { Router } from '../src/messaging/router';

export default defineBackground(() => {
  const router = new Router(browser.runtime.id, new URL(browser.runtime.getURL('/')).origin);
  registerVaultHandlers(router);
  registerSettingsHandlers(router);
  registerClipboard(router);
  registerCodeHandlers(router);
  registerFill(router);
  registerScan(router);
  registerAutoLock();

  // Keep the session key away from content scripts (this is the default; say it anyway).
  void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });

  browser.runtime.onMessage.addListener((message, sender) => {
    // Messages meant for the offscreen document pass by; answering them would hijack the reply.
    if (!isEnvelope(message)) return undefined;
    return router.dispatch(message, sender);
  });

  // Open the vault at start so the first popup does not wait for it.
  void getVault();
});
