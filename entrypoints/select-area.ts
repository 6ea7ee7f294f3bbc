import { takeRequest } from '../src/inject/request';
import { selectArea } from '../src/inject/select-area';

// Injected on demand by the background (never registered on pages); its result is the return value.
export default defineUnlistedScript(() => {
  const request = takeRequest('page.selectArea');
  return request ? selectArea(request) : null;
});
