import { describe, expect, it } from 'vitest';
import type { StoredAccount } from '../core/account';
import { codeAt } from './code-at';

const base: StoredAccount = {
  id: 'x',
  type: 'totp',
  issuer: 'RFC 6238',
  label: '',
  // "12345678901234567890" in base32: the RFC 6238 test key.
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
  sites: [],
  order: 0,
  pinned: false,
  createdAt: 0,
  updatedAt: 0,
  notes: '',
  recoveryCodes: [],
  revision: 1,
};

describe('codeAt', () => {
  it('gives the RFC 6238 codes, from cache the second time', () => {
    expect(codeAt(base, 59_000)).toBe('94287082');
    expect(codeAt(base, 59_999)).toBe('94287082');
    expect(codeAt(base, 1111111109_000)).toBe('07081804');
  });

  it('follows the HOTP counter and the revision', () => {
    const hotp = { ...base, type: 'hotp' as const, digits: 6, id: 'h' };
    expect(codeAt(hotp, 0)).toBe('755224');
    expect(codeAt({ ...hotp, counter: 1, revision: 2 }, 0)).toBe('287082');
  });

  it('returns undefined for an account that cannot make codes', () => {
    expect(codeAt({ ...base, id: 'bad', secret: '0000' }, 0)).toBeUndefined();
  });
});
