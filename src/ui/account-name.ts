import type { StoredAccount } from '../core/account';
import { cleanName } from '../core/clean-name';

/**
 * What an account is called, in its row and in every message about it. Cleaned again here because
 * a scan's accounts are shown before the vault has cleaned them.
 */
export function accountName(account: Pick<StoredAccount, 'issuer' | 'label'>): string {
  return cleanName(account.issuer) || cleanName(account.label);
}
