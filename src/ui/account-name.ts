import type { StoredAccount } from '../core/account';

/**
 * What an account is called, in its row and in every message about it. Names arrive clean: the
 * vault cleans every stored one, and a scan cleans what it shows (`src/core/clean-name.ts`).
 */
export function accountName(account: Pick<StoredAccount, 'issuer' | 'label'>): string {
  return account.issuer || account.label;
}
