import { fillPage, hasCodeField } from '../src/inject/fill-page';
import { readSiteClock } from '../src/inject/read-site-clock';
import { takeRequest } from '../src/inject/request';
import { envelope } from '../src/messaging/envelope';

// Injected on demand by the background (never registered on pages); its result is the return value.
export default defineUnlistedScript(async () => {
  const request = takeRequest('page.fill');
  if (!request) return undefined;
  if (request.mode === 'fill') {
    // Where documents cannot be targeted (Firefox), the frame may have moved on since the probe.
    return location.origin === request.origin ? fillPage(request.code, request.options) : undefined;
  }
  if (request.mode === 'clock') return readSiteClock();
  // The answer goes as a message, so that the browser, not this script, says where it comes from.
  const probed = {
    probeId: request.probeId,
    hasField: hasCodeField(request.codeLength),
    focused: document.hasFocus(),
  };
  await chrome.runtime.sendMessage(envelope('fill.probed', probed));
  return true;
});
