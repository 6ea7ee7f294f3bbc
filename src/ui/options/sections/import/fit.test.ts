import { describe, expect, it } from 'vitest';
import type { NewAccount } from '../../../../core/account';
import { fitForVault } from './fit';

const account = (extra: Partial<NewAccount> = {}): NewAccount => ({
  type: 'totp',
  issuer: 'Mail',
  label: 'ann',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...extra,
});

describe('fitForVault', () => {
  it('keeps what the worker takes and names what it would refuse, instead of failing the import', () => {
    const kept = [account(), account({ notes: 'n'.repeat(10_000), sites: ['a.test'] })];
    const tooBig = [
      account({ notes: 'n'.repeat(10_001) }),
      account({ issuer: 'x'.repeat(20_000), label: '' }),
    ];
    const earlier = { name: 'old', reason: 'bad-line' as const, line: 3 };
    const fit = fitForVault({ accounts: [...kept, ...tooBig], skipped: [earlier] });
    expect(fit.accounts).toEqual(kept);
    expect(fit.skipped).toEqual([
      earlier,
      { name: 'Mail (ann)', reason: 'bad-entry', detail: 'too large for the vault' },
      { name: 'x'.repeat(200), reason: 'bad-entry', detail: 'too large for the vault' },
    ]);
  });
});
