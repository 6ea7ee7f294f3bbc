import * as v from 'valibot';
import type { NewAccount } from '../../../../core/account';
import type { ImportedEntries, SkippedEntry } from '../../../../core/formats/importer';
import { NEW_ACCOUNT } from '../../../../messaging/schemas';

/** What one `import.preview` / `import.commit` takes (the backup slice's own limit). */
const MAX_ACCOUNTS = 100_000;

/** "Issuer (name)", as importers name a left-out entry; cut short, since its length is the problem. */
const nameOf = ({ issuer, label }: NewAccount) =>
  issuer && label ? `${issuer.slice(0, 100)} (${label.slice(0, 100)})` : (issuer || label).slice(0, 200);

/**
 * The accounts the worker will take, by the very schema it checks requests with; any other one
 * (a name or note over 10,000 characters, a key over 1,024) is left out and said, rather than
 * letting it refuse the whole import as a bad request.
 */
export function fitForVault({ accounts, skipped }: ImportedEntries): ImportedEntries {
  const fit: NewAccount[] = [];
  const left: SkippedEntry[] = [];
  for (const account of accounts) {
    if (fit.length < MAX_ACCOUNTS && v.is(NEW_ACCOUNT, account)) fit.push(account);
    else
      left.push({
        name: nameOf(account),
        reason: 'bad-entry',
        detail: 'too large for the vault',
      });
  }
  return { accounts: fit, skipped: [...skipped, ...left] };
}
