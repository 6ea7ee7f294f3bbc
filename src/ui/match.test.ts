import { describe, expect, it } from 'vitest';
import { pageHostname, siteMatch } from './match';

describe('pageHostname', () => {
  it('takes the host of web pages only', () => {
    expect(pageHostname('https://Login.School.nl/path?x=1')).toBe('login.school.nl');
    expect(pageHostname('http://localhost:8080/')).toBe('localhost');
    expect(pageHostname('chrome://extensions')).toBeUndefined();
    expect(pageHostname('chrome-extension://abc/popup.html')).toBeUndefined();
    expect(pageHostname('file:///tmp/x.html')).toBeUndefined();
    expect(pageHostname(undefined)).toBeUndefined();
    expect(pageHostname('not a url')).toBeUndefined();
  });
});

describe('siteMatch', () => {
  it('matches an origin entry by exact host only', () => {
    expect(siteMatch('login.school.nl', ['https://login.school.nl'])).toBe('exact');
    expect(siteMatch('login.school.nl', ['https://login.school.nl:8443'])).toBe('exact');
    expect(siteMatch('a.login.school.nl', ['https://login.school.nl'])).toBeUndefined();
    expect(siteMatch('school.nl', ['https://login.school.nl'])).toBeUndefined();
  });

  it('matches a bare domain exactly and as a parent', () => {
    expect(siteMatch('school.nl', ['school.nl'])).toBe('exact');
    expect(siteMatch('login.school.nl', ['school.nl'])).toBe('domain');
    expect(siteMatch('deep.login.school.nl', ['School.NL'])).toBe('domain');
  });

  it('does not match look-alike hosts', () => {
    expect(siteMatch('evilschool.nl', ['school.nl'])).toBeUndefined();
    expect(siteMatch('school.nl.evil.com', ['school.nl'])).toBeUndefined();
    expect(siteMatch('school.nl', ['login.school.nl'])).toBeUndefined();
  });

  it('prefers an exact host over a parent domain whatever the order', () => {
    expect(siteMatch('login.school.nl', ['school.nl', 'https://login.school.nl'])).toBe('exact');
  });

  it('ignores blank and broken entries and trailing dots', () => {
    expect(siteMatch('school.nl', ['', '  ', 'https://', 'school.nl.'])).toBe('exact');
    expect(siteMatch('school.nl.', ['school.nl'])).toBe('exact');
    expect(siteMatch(undefined, ['school.nl'])).toBeUndefined();
    expect(siteMatch('school.nl', [])).toBeUndefined();
  });
});
