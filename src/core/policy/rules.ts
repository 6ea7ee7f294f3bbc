import type { Settings } from '../settings';
import type { Policy, PolicyKey } from './keys';

/** The host an account's site entry names: an origin (`https://login.school.nl`) or a bare domain. */
function entryHost(entry: string): string | undefined {
  if (!entry.includes('://')) return entry.trim().toLowerCase().replace(/\.$/, '') || undefined;
  try {
    return new URL(entry).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** `allowedSites` names domains; each covers itself and every subdomain (school.nl: login.school.nl). */
export function hostAllowed(host: string, allowedSites: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowedSites.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

/** Whether a page (by its URL or origin) is one the organisation lets Tweestap scan and fill. */
export function pageAllowed(url: string | undefined, policy: Policy): boolean {
  if (!policy.allowedSites) return true;
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Only web pages have a site: a file: or data: page is never one of the organisation's.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return hostAllowed(parsed.hostname, policy.allowedSites);
}

/**
 * Whether every site an account is linked to is allowed. An account linked to none passes: it can
 * be filled only where the user links it, and linking is checked here too, so it never reaches a
 * site outside the list.
 */
export function accountSitesAllowed(sites: readonly string[] | undefined, policy: Policy): boolean {
  if (!policy.allowedSites || !sites) return true;
  const allowed = policy.allowedSites;
  return sites.every((entry) => {
    const host = entryHost(entry);
    return host !== undefined && hostAllowed(host, allowed);
  });
}

/**
 * The policy key a settings change would break, if any. A value inside the organisation's limits
 * (a shorter auto-lock, the forced value itself) is fine: the settings page sends whole rows.
 */
export function settingsChangeRefusal(patch: Partial<Settings>, policy: Policy): PolicyKey | undefined {
  const overMaximum = (value: number | undefined, maximum: number | undefined) =>
    value !== undefined && maximum !== undefined && (value <= 0 || value > maximum);
  if (overMaximum(patch.autoLockMinutes, policy.autoLockMinutes)) return 'autoLockMinutes';
  if (overMaximum(patch.clipboardClearSeconds, policy.clipboardClearSeconds)) return 'clipboardClearSeconds';
  if (policy.lockOnScreenLock === true && patch.lockOnScreenLock === false) return 'lockOnScreenLock';
  if (
    policy.autoSubmit !== undefined &&
    patch.autoSubmit !== undefined &&
    patch.autoSubmit !== policy.autoSubmit
  )
    return 'autoSubmit';
  return undefined;
}
