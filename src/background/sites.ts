import { browser } from 'wxt/browser';
import { ok } from '../core/errors';
import { pageSite } from '../core/sites';
import type { BackgroundRouter } from '../messaging/router';
import { PAGE_DOMAINS_KEY } from '../vault/session-keys';

/** Enough for every site a user logs in to in a day; the oldest go first. */
const REMEMBERED_DOMAINS = 500;

/**
 * The popup can tell "This site" without the worker, except where it needs the Public Suffix List
 * (a host under an account's domain): for those it reads the domains the worker already worked out.
 */
async function rememberDomain(host: string, domain: string): Promise<void> {
  const stored = (await browser.storage.session.get(PAGE_DOMAINS_KEY))[PAGE_DOMAINS_KEY];
  const domains: Record<string, string> = typeof stored === 'object' && stored !== null ? { ...stored } : {};
  if (domains[host] === domain) return;
  delete domains[host];
  domains[host] = domain;
  const hosts = Object.keys(domains);
  for (const old of hosts.slice(0, Math.max(0, hosts.length - REMEMBERED_DOMAINS))) delete domains[old];
  await browser.storage.session.set({ [PAGE_DOMAINS_KEY]: domains });
}

export function registerSitesHandlers(router: BackgroundRouter): void {
  router.on('sites.forPage', async ({ url }) => {
    const site = pageSite(url);
    if (site) await rememberDomain(site.host, site.domain).catch(() => undefined);
    return ok(site ?? null);
  });
}
