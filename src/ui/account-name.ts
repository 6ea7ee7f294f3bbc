import type { StoredAccount } from '../core/account';

/** What an account is called, in its row and in every message about it. */
export function accountName(account: Pick<StoredAccount, 'issuer' | 'label'>): string {
  return account.issuer || account.label;
}
