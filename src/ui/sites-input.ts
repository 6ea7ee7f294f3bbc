/**
 * The sites box in the edit view: one per line, as people type them ("school.nl",
 * "https://login.school.nl/inloggen"). Stored as origins or bare hosts, the shapes the vault keeps.
 */
export function parseSites(text: string): { sites: string[]; invalid: string[] } {
  const sites: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const site = toSite(line);
    if (site === undefined) invalid.push(line);
    else if (!sites.includes(site)) sites.push(site);
  }
  return { sites, invalid };
}

function toSite(line: string): string | undefined {
  try {
    if (line.includes('://')) {
      const url = new URL(line);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
    }
    if (/\s/u.test(line)) return undefined;
    const host = new URL(`https://${line}`).hostname.replace(/\.$/u, '');
    // A site needs a dot (school.nl) unless it is a local test host.
    return host.includes('.') || host === 'localhost' ? host : undefined;
  } catch {
    return undefined;
  }
}
