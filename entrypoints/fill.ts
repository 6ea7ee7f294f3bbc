import { fillPage, hasCodeField } from '../src/inject/fill-page';
import { readSiteClock } from '../src/inject/read-site-clock';
import { takeRequest } from '../src/inject/request';
import type { ProbeReport } from '../src/messaging/messages/page';

// Injected on demand by the background (never registered on pages); its result is the return value.
export default defineUnlistedScript(async () => {
  const request = takeRequest('page.fill');
  if (!request) return undefined;
  if (request.mode === 'fill') return fillPage(request.code, request.options);
  const report: ProbeReport = {
    origin: location.origin,
    hasField: hasCodeField(request.codeLength),
    focused: document.hasFocus(),
    clock: request.readClock ? await readSiteClock() : undefined,
  };
  return report;
});
