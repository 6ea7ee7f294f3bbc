import { describe, expect, it } from 'vitest';
import { accountName } from './account-name';

describe('accountName', () => {
  it('shows a stored or scanned name without its override or control characters', () => {
    expect(accountName({ issuer: '\u202emoc.knab', label: 'alice' })).toBe('moc.knab');
    expect(accountName({ issuer: '', label: 'bob\u0000\u2067@evil\u2069' })).toBe('bob@evil');
  });

  it('falls back to the account name when the issuer is nothing but invisible characters', () => {
    expect(accountName({ issuer: '\u200b\u202e', label: 'alice' })).toBe('alice');
  });

  it('leaves Hebrew and Arabic names as they are', () => {
    expect(accountName({ issuer: 'בנק הפועלים', label: '' })).toBe('בנק הפועלים');
    expect(accountName({ issuer: '', label: 'البنك\u200f (work)' })).toBe('البنك\u200f (work)');
  });
});
