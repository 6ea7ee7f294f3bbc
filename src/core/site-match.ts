/**
 * The one rule for "does this account belong to this page", with no Public Suffix List inside so the
 * popup can run it: the page's registrable domain comes in as data (`PageSite`), worked out once by
 * `pageSite` in `./sites.ts` (which has the list) in the background. Fill and the popup's "This
 * site" both come here; `./sites.test.ts` covers both through it.
 *
 * An account's site entry is either an origin (`https://login.school.nl`: that origin only) or a
 * host or registrable domain (`school.nl`: any https host under it, as the list decides, so
 * `evil-school.nl`, `school.nl.evil.com` or another `github.io` site never match).
 *
 * Host and domain entries match https pages only. An http page can be changed by anyone on its
 * network, and any port of a host may be another program, so it only ever matches an entry naming
 * its exact origin (scheme, host and port): `school.nl` never lets `http://x.school.nl:8080` fill.
 */
export type SiteMatch = 'exact' | 'domain';

export interface PageSite {
  origin: string;
  host: string;
  /** The registrable domain by the Public Suffix List (private suffixes too), or the host itself. */
  domain: string;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function matchPageSite(sites: readonly string[], page: PageSite): SiteMatch | undefined {
  let best: SiteMatch | undefined;
  for (const site of sites) {
    if (site.includes('://')) {
      // Scheme and port count too: an https account must not be filled into an http page.
      if (originOf(site) === page.origin) return 'exact';
      continue;
    }
    if (!page.origin.startsWith('https:')) continue;
    const domain = site.toLowerCase();
    if (domain === page.host) return 'exact';
    if (domain === page.domain) best = 'domain';
  }
  return best;
}

/** Exact-host links first, then domain links, then everything else. */
export const siteRank = (match: SiteMatch | undefined): number =>
  match === 'exact' ? 0 : match === 'domain' ? 1 : 2;

/**
 * The one ranking of accounts for a page: every account whose sites match, exact-host links before
 * domain links, otherwise in the order given. Fill offers only the first tier; the popup lists all of
 * them first, under "This site".
 */
export function rankForPage<A extends { sites: readonly string[] }>(
  accounts: readonly A[],
  page: PageSite,
): { account: A; match: SiteMatch }[] {
  const ranked: { account: A; match: SiteMatch }[] = [];
  for (const account of accounts) {
    const match = matchPageSite(account.sites, page);
    if (match) ranked.push({ account, match });
  }
  return ranked.sort((a, b) => siteRank(a.match) - siteRank(b.match));
}
