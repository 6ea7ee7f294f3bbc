/**
 * The guides that ship inside the extension (`docs/guides/<lang>/<name>.md`, shown by the guide page).
 * Help opens the one that fits the site the user is on: Microsoft's and Google's sign-in pages hide the way
 * to use another authenticator app, so they get their own; every other site gets the general one.
 */
export const GUIDE_NAMES = ['any-site', 'microsoft', 'google', 'code-refused', 'password'] as const;
export type GuideName = (typeof GUIDE_NAMES)[number];
export const GENERAL_GUIDE: GuideName = 'any-site';

export const GUIDE_LANGUAGES = ['en', 'nl'] as const;
export type GuideLanguage = (typeof GUIDE_LANGUAGES)[number];

/** Hosts (and their subdomains) where a Microsoft 365 / Entra ID or personal Microsoft account signs in or sets up. */
const MICROSOFT_DOMAINS = [
  'microsoftonline.com',
  'mysignins.microsoft.com',
  'account.microsoft.com',
  'myaccount.microsoft.com',
  'login.microsoft.com',
  'login.live.com',
  'account.live.com',
  'aka.ms',
  'office.com',
  'microsoft365.com',
];

const GOOGLE_DOMAINS = ['accounts.google.com', 'myaccount.google.com'];

const underAny = (host: string, domains: readonly string[]) =>
  domains.some((domain) => host === domain || host.endsWith(`.${domain}`));

/** The guide for a page's address; anything that is not a Microsoft or Google sign-in page gets the general one. */
export function guideForUrl(url: string | undefined): GuideName {
  let host: string;
  try {
    host = new URL(url ?? '').hostname.toLowerCase();
  } catch {
    return GENERAL_GUIDE;
  }
  if (underAny(host, MICROSOFT_DOMAINS)) return 'microsoft';
  if (underAny(host, GOOGLE_DOMAINS)) return 'google';
  return GENERAL_GUIDE;
}

/** The extension-relative address of a guide; the page picks the language the popup speaks. */
export function guidePath(name: GuideName): string {
  return `/guide.html#${name}`;
}
