import { getDomain, getHostname } from 'tldts';

/**
 * Which of an account's sites a frame's origin matches. An account's site entry is either an origin
 * (`https://login.school.nl`: that host only) or a registrable domain (`school.nl`: any host under it,
 * decided with the Public Suffix List so `evil-school.nl` or `school.nl.evil.com` never match).
 */
export type SiteMatch = 'exact' | 'domain';

function hostOf(originOrDomain: string): string | undefined {
  const hostname = getHostname(originOrDomain);
  return hostname ? hostname.toLowerCase() : undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function matchSite(sites: readonly string[], frameOrigin: string): SiteMatch | undefined {
  const frameHost = hostOf(frameOrigin);
  if (!frameHost) return undefined;
  const frameDomain = getDomain(frameHost, { allowPrivateDomains: true }) ?? frameHost;
  let best: SiteMatch | undefined;
  for (const site of sites) {
    if (site.includes('://')) {
      // Scheme and port count too: an https account must not be filled into an http page.
      if (originOf(site) === frameOrigin) return 'exact';
      continue;
    }
    const domain = site.toLowerCase();
    if (domain === frameHost) return 'exact';
    if (domain === frameDomain) best = 'domain';
  }
  return best;
}

/** What to store when an account is added on a page: the exact origin, plus its registrable domain. */
export function sitesForOrigin(origin: string): string[] {
  const host = hostOf(origin);
  if (!host) return [];
  const domain = getDomain(host, { allowPrivateDomains: true });
  return domain && domain !== host ? [origin, domain] : [origin];
}
