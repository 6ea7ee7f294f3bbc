import { describe, expect, it } from 'vitest';
import { matchSite, sitesForOrigin } from './sites';

describe('matchSite', () => {
  const sites = ['https://login.school.nl', 'school.nl'];
  it.each([
    ['https://login.school.nl', 'exact'],
    ['https://mail.school.nl', 'domain'],
    ['https://school.nl', 'exact'],
    ['https://evil-school.nl', undefined],
    ['https://school.nl.evil.com', undefined],
    ['https://schoo1.nl', undefined],
    ['https://login.school.nl.attacker.example', undefined],
  ])('%s → %s', (origin, expected) => {
    expect(matchSite(sites, origin)).toBe(expected);
  });

  it('never lets two sites under one public suffix match each other (github.io, co.uk)', () => {
    expect(matchSite(['alice.github.io'], 'https://mallory.github.io')).toBeUndefined();
    expect(matchSite(['school.co.uk'], 'https://other.co.uk')).toBeUndefined();
  });

  it('holds an origin entry to its scheme and port', () => {
    expect(matchSite(['https://login.school.nl'], 'http://login.school.nl')).toBeUndefined();
    expect(matchSite(['https://login.school.nl'], 'https://login.school.nl:8443')).toBeUndefined();
    expect(matchSite(['http://127.0.0.1:8080'], 'http://127.0.0.1:8080')).toBe('exact');
    expect(matchSite(['http://127.0.0.1:8080'], 'http://localhost:8080')).toBeUndefined();
  });

  it('answers nothing for unparseable origins', () => {
    expect(matchSite(sites, 'not a url')).toBeUndefined();
    expect(matchSite([], 'https://school.nl')).toBeUndefined();
  });
});

describe('sitesForOrigin', () => {
  it('keeps the origin and adds the registrable domain', () => {
    expect(sitesForOrigin('https://login.school.nl')).toEqual(['https://login.school.nl', 'school.nl']);
  });
  it('stores only the origin when host and domain are the same or there is no domain', () => {
    expect(sitesForOrigin('https://school.nl')).toEqual(['https://school.nl']);
    expect(sitesForOrigin('http://127.0.0.1:8080')).toEqual(['http://127.0.0.1:8080']);
  });
});
