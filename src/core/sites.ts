import { getDomain } from 'tldts';
import { matchPageSite, type PageSite, rankForPage, type SiteMatch } from './site-match';

export type { PageSite, SiteMatch } from './site-match';

/** What the site rules need to know about a page: its origin, host and registrable domain. */
export function pageSite(url: string): PageSite | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return undefined;
  const domain = getDomain(host, { allowPrivateDomains: true }) ?? host;
  return { origin: parsed.origin, host, domain };
}

/** Which of an account's sites a frame's origin matches (see `./site-match.ts` for the rule). */
export function matchSite(sites: readonly string[], frameOrigin: string): SiteMatch | undefined {
  const page = pageSite(frameOrigin);
  return page ? matchPageSite(sites, page) : undefined;
}

/** The accounts a fill may pick without asking: the exact-host ones, or else the domain ones. */
export function fillCandidates<A extends { sites: readonly string[] }>(
  accounts: readonly A[],
  origin: string,
): A[] {
  const page = pageSite(origin);
  const ranked = page ? rankForPage(accounts, page) : [];
  const best = ranked[0]?.match;
  return ranked.filter((entry) => entry.match === best).map((entry) => entry.account);
}

/**
 * What to store when an account is added on a page: the exact origin, plus its registrable domain
 * on https (a domain entry would never match an http page anyway, see `./site-match.ts`).
 */
export function sitesForOrigin(origin: string): string[] {
  const page = pageSite(origin);
  if (!page) return [];
  if (!page.origin.startsWith('https:')) return [page.origin];
  const domain = getDomain(page.host, { allowPrivateDomains: true });
  return domain && domain !== page.host ? [page.origin, domain] : [page.origin];
}
