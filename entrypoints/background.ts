import { browser } from 'wxt/browser';
import { registerBackground } from '../src/background/register';

export default defineBackground(() => {
  const router = registerBackground(browser.runtime.id, new URL(browser.runtime.getURL('/')).origin);

  // Keep the session key away from content scripts (this is the default; say it anyway).
  void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });

  // Answering nothing (undefined, not a promise) leaves a message to the context that serves it.
  browser.runtime.onMessage.addListener((message, sender) =>
    router.serves(message) ? router.dispatch(message, sender) : undefined,
  );
});
