import { showNotice } from '../src/inject/page-notice';
import { takeRequest } from '../src/inject/request';

// Injected on demand by the background (never registered on pages).
export default defineUnlistedScript(() => {
  const request = takeRequest('page.notice');
  if (request) showNotice(request);
});
