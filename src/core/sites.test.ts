import { describe, expect, it } from 'vitest';
import { rankForPage } from './site-match';
import { fillCandidates, matchSite, pageSite, sitesForOrigin } from './sites';

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

  it('lets host and domain entries match https pages only; an http page needs its exact origin', () => {
    expect(matchSite(sites, 'http://anything.school.nl:8080')).toBeUndefined();
    expect(matchSite(sites, 'http://login.school.nl')).toBeUndefined();
    expect(matchSite(['school.nl'], 'http://school.nl')).toBeUndefined();
    expect(matchSite(['localhost'], 'http://localhost:8080')).toBeUndefined();
    expect(matchSite(['http://school.nl'], 'http://school.nl')).toBe('exact');
    expect(matchSite(['http://school.nl'], 'http://school.nl:8080')).toBeUndefined();
    expect(matchSite(['http://school.nl'], 'https://school.nl')).toBeUndefined();
    expect(matchSite(['school.nl'], 'https://login.school.nl:8443')).toBe('domain');
  });

  it('keeps private suffixes apart on https and never matches them over http', () => {
    expect(matchSite(['alice.github.io'], 'https://alice.github.io')).toBe('exact');
    expect(matchSite(['alice.github.io'], 'http://alice.github.io')).toBeUndefined();
    expect(matchSite(['github.io'], 'https://alice.github.io')).toBeUndefined();
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
  it('adds no domain for an http page, which only its exact origin may match', () => {
    expect(sitesForOrigin('http://login.school.nl:8080')).toEqual(['http://login.school.nl:8080']);
  });
});

describe('rankForPage and fillCandidates', () => {
  const account = (id: string, sites: string[]) => ({ id, sites });
  const accounts = [
    account('domain-1', ['school.nl']),
    account('elsewhere', ['https://other.example']),
    account('exact', ['https://login.school.nl']),
    account('domain-2', ['school.nl']),
  ];

  it('lists exact-host links before domain links, keeping the given order within each, and leaves out the rest', () => {
    expect(
      rankForPage(accounts, pageSite('https://login.school.nl')!).map((r) => [r.account.id, r.match]),
    ).toEqual([
      ['exact', 'exact'],
      ['domain-1', 'domain'],
      ['domain-2', 'domain'],
    ]);
  });

  it('lets a fill pick only from the best tier', () => {
    expect(fillCandidates(accounts, 'https://login.school.nl').map((a) => a.id)).toEqual(['exact']);
    expect(fillCandidates(accounts, 'https://mail.school.nl').map((a) => a.id)).toEqual([
      'domain-1',
      'domain-2',
    ]);
    expect(fillCandidates(accounts, 'https://unknown.example')).toEqual([]);
  });
});

describe('pageSite', () => {
  it('describes web pages only, with their registrable domain by the Public Suffix List', () => {
    expect(pageSite('https://Login.School.nl/path?x=1')).toEqual({
      origin: 'https://login.school.nl',
      host: 'login.school.nl',
      domain: 'school.nl',
    });
    expect(pageSite('https://alice.github.io/')).toMatchObject({ domain: 'alice.github.io' });
    expect(pageSite('http://localhost:8080/')).toEqual({
      origin: 'http://localhost:8080',
      host: 'localhost',
      domain: 'localhost',
    });
    for (const url of [
      'chrome://extensions',
      'chrome-extension://abc/popup.html',
      'file:///tmp/x.html',
      'not a url',
    ])
      expect(pageSite(url), url).toBeUndefined();
  });
});

describe('matchSite, the cases the popup used to decide on its own', () => {
  it('matches a bare domain exactly and as a parent, in any case', () => {
    expect(matchSite(['school.nl'], 'https://school.nl')).toBe('exact');
    expect(matchSite(['School.NL'], 'https://deep.login.school.nl')).toBe('domain');
  });

  it('prefers an exact host over a parent domain whatever the order', () => {
    expect(matchSite(['school.nl', 'https://login.school.nl'], 'https://login.school.nl')).toBe('exact');
  });

  it('never matches a host under a site that is not a registrable domain, or a broken entry', () => {
    expect(matchSite(['login.school.nl'], 'https://a.login.school.nl')).toBeUndefined();
    expect(matchSite(['github.io'], 'https://mallory.github.io')).toBeUndefined();
    expect(matchSite(['', '  ', 'https://'], 'https://school.nl')).toBeUndefined();
  });
});
