import { readSiteClock } from '../src/inject/clock';
import { fillPage, hasCodeField } from '../src/inject/fill-page';
import { type InjectedRequest, type ProbeReport, REQUEST_GLOBAL } from '../src/inject/protocol';

// Injected on demand by the background (never registered on pages); its result is the return value.
export default defineUnlistedScript(async () => {
  const scope = globalThis as unknown as Record<string, InjectedRequest | undefined>;
  const request = scope[REQUEST_GLOBAL];
  delete scope[REQUEST_GLOBAL];
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
