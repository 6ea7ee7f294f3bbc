import { ok } from '../core/errors';
import { pageSite } from '../core/sites';
import type { BackgroundRouter } from '../messaging/router';

export function registerSitesHandlers(router: BackgroundRouter): void {
  router.on('sites.forPage', ({ url }) => ok(pageSite(url) ?? null));
}
