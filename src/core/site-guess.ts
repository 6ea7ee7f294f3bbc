/**
 * A guess, for accounts added by hand with no site linked: does this account look like it belongs to
 * the page? Only ever used to put it first under "This site" in the popup, never to decide a fill
 * (that is `./site-match.ts`, by the account's linked sites alone). It compares the issuer and the
 * account name with the page's registrable domain, which comes from the Public Suffix List, so a
 * decoy such as amazon.evil.com (domain evil.com) never looks like Amazon.
 */
import type { PageSite } from './site-match';

/** Brands whose sign-in lives under another name than the issuer's (a small, hand-kept list). */
const ALIASES: Record<string, readonly string[]> = {
  microsoft: ['microsoftonline.com', 'live.com', 'office.com', 'microsoft365.com', 'outlook.com'],
  office365: ['microsoftonline.com', 'office.com', 'microsoft365.com'],
  microsoft365: ['microsoftonline.com', 'office.com', 'microsoft365.com'],
  entra: ['microsoftonline.com'],
  azure: ['microsoftonline.com', 'azure.com'],
  aws: ['amazon.com', 'amazonaws.com', 'aws.amazon.com'],
  amazonwebservices: ['amazon.com', 'amazonaws.com'],
  google: ['google.com', 'google.nl'],
  gmail: ['google.com'],
  steam: ['steampowered.com', 'steamcommunity.com'],
  apple: ['apple.com', 'icloud.com'],
  facebook: ['facebook.com', 'meta.com'],
  meta: ['facebook.com', 'meta.com'],
  x: ['x.com', 'twitter.com'],
  twitter: ['x.com', 'twitter.com'],
  proton: ['proton.me', 'protonmail.com'],
  digid: ['digid.nl'],
};

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const words = (text: string) =>
  fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export function guessAccountForPage(account: { issuer: string; label: string }, page: PageSite): boolean {
  const domain = page.domain.toLowerCase();
  // The brand is the registrable domain's own label: "amazon" of amazon.co.uk, "school" of school.nl.
  const brand = domain.split('.')[0] ?? '';
  if (!brand) return false;
  const issuerWords = words(account.issuer);
  const issuerWhole = issuerWords.join('');
  if (issuerWords.includes(brand) || issuerWhole === brand) return true;
  if ([issuerWhole, ...issuerWords].some((word) => ALIASES[word]?.includes(domain))) return true;
  // "anna@school.nl" belongs to school.nl (and to its subdomains' pages, which share that domain).
  const at = account.label.lastIndexOf('@');
  return at >= 0 && fold(account.label.slice(at + 1).trim()) === domain;
}
