/**
 * "This site": which accounts belong to the page the popup was opened on. An account's `sites`
 * holds origins (https://login.school.nl) and bare registrable domains (school.nl). This only
 * orders and labels the list; filling a code checks origins strictly in the background.
 */
export type SiteMatch = 'exact' | 'domain';

/** The host of an http(s) page, or undefined for browser pages, files, the new-tab page… */
export function pageHostname(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return trimDot(parsed.hostname);
  } catch {
    return undefined;
  }
}

const trimDot = (host: string): string => host.toLowerCase().replace(/\.$/, '');

function parseEntry(entry: string): { host: string; origin: boolean } | undefined {
  const text = entry.trim();
  if (!text) return undefined;
  const origin = text.includes('://');
  try {
    // A bare domain is read as a host so stray paths, ports or "*." prefixes do not defeat matching.
    const host = new URL(origin ? text : `https://${text.replace(/^\*\./, '')}`).hostname;
    return host ? { host: trimDot(host), origin } : undefined;
  } catch {
    return undefined;
  }
}

/** An exact host beats a parent domain; an origin entry only ever matches its own host. */
export function siteMatch(hostname: string | undefined, sites: readonly string[]): SiteMatch | undefined {
  if (!hostname) return undefined;
  const host = trimDot(hostname);
  let best: SiteMatch | undefined;
  for (const entry of sites) {
    const parsed = parseEntry(entry);
    if (!parsed) continue;
    if (parsed.host === host) return 'exact';
    if (!parsed.origin && host.endsWith(`.${parsed.host}`)) best = 'domain';
  }
  return best;
}
