import { describe, expect, it } from 'vitest';
import { guessAccountForPage } from './site-guess';
import type { PageSite } from './site-match';

const page = (host: string, domain: string): PageSite => ({ origin: `https://${host}`, host, domain });

describe('guessAccountForPage', () => {
  it.each([
    ['Amazon', '', page('www.amazon.co.uk', 'amazon.co.uk')],
    ['Amazon Web Services', 'anna', page('signin.aws.amazon.com', 'amazon.com')],
    ['GitHub', 'octocat', page('github.com', 'github.com')],
    ['Microsoft', 'anna@school.nl', page('login.microsoftonline.com', 'microsoftonline.com')],
    ['Steam', 'gamer', page('store.steampowered.com', 'steampowered.com')],
    ['Schoolportaal', 'leerling@school.nl', page('portaal.school.nl', 'school.nl')],
    ['', 'anna@school.nl', page('login.school.nl', 'school.nl')],
    ['Société Générale', '', page('particuliers.societegenerale.fr', 'societegenerale.fr')],
  ])('%s (%s) belongs to %o', (issuer, label, site) => {
    expect(guessAccountForPage({ issuer, label }, site)).toBe(true);
  });

  it.each([
    // Decoys: the brand in a subdomain or a longer name of another registrable domain.
    ['Amazon', '', page('amazon.evil.com', 'evil.com')],
    ['Amazon', '', page('amazon-login.com', 'amazon-login.com')],
    ['GitHub', '', page('github.io.evil.net', 'evil.net')],
    ['Microsoft', '', page('microsoftonline.com.evil.net', 'evil.net')],
    ['School', 'anna@school.nl.evil.com', page('school.nl.evil.com', 'evil.com')],
    ['Schoolportaal', 'leerling@school.nl', page('evil-school.nl', 'evil-school.nl')],
    ['Bank', 'me', page('login.school.nl', 'school.nl')],
  ])('%s (%s) does not belong to %o', (issuer, label, site) => {
    expect(guessAccountForPage({ issuer, label }, site)).toBe(false);
  });
});
