import { describe, expect, it } from 'vitest';
import { fold, matchesQuery, searchText } from './account-search';

describe('search', () => {
  const text = searchText({
    issuer: 'École Noël',
    label: 'Zoë@example.test',
    sites: ['https://login.school.nl'],
  });

  it('folds case and accents', () => {
    expect(fold('ÉCOLE Noël')).toBe('ecole noel');
  });

  it('finds by issuer, name or site, ignoring case and accents', () => {
    expect(matchesQuery(text, 'ecole')).toBe(true);
    expect(matchesQuery(text, 'NOËL')).toBe(true);
    expect(matchesQuery(text, 'zoe')).toBe(true);
    expect(matchesQuery(text, 'login.school')).toBe(true);
    expect(matchesQuery(text, 'bank')).toBe(false);
  });

  it('needs every word, in any order', () => {
    expect(matchesQuery(text, 'zoe ecole')).toBe(true);
    expect(matchesQuery(text, 'zoe bank')).toBe(false);
  });

  it('matches everything for an empty query', () => {
    expect(matchesQuery(text, '   ')).toBe(true);
  });
});
