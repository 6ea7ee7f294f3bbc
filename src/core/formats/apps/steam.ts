/**
 * Steam Desktop Authenticator's and steamguard-cli's maFile: one account's JSON with `shared_secret`
 * (standard base64) and `account_name` at the top (the old layout), or several under
 * `accounts: {<id>: {...}}` (the new one). Steam Guard codes have fixed parameters.
 * SDA's encrypted maFiles are base64 ciphertext, not JSON, and are not recognised here.
 */

import { STEAM_PARAMS } from '../../otp/validate.ts';
import { ImportError, type Importer } from '../importer.ts';
import {
  base32Of,
  EntryCollector,
  EntrySkip,
  isRecord,
  parseJsonOrDamaged,
  text,
  tryParseJson,
} from './shared/account-entry.ts';
import { base64Bytes } from './shared/text-bytes.ts';

const APP = 'Steam';

const isAccount = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && typeof value.shared_secret === 'string';

/** The accounts of the file, or undefined when it is not a maFile. */
function accountsOf(value: unknown): unknown[] | undefined {
  if (isAccount(value)) return [value];
  if (!isRecord(value) || !isRecord(value.accounts)) return undefined;
  const accounts = Object.values(value.accounts);
  return accounts.some(isAccount) ? accounts : undefined;
}

export const steamImporter: Importer = {
  id: 'steam',
  app: APP,
  detect(input) {
    return accountsOf(tryParseJson(input.text)) ? 'plain' : false;
  },
  async read(input) {
    const accounts = accountsOf(parseJsonOrDamaged(input.text, APP));
    if (!accounts) throw new ImportError('import-damaged', `This ${APP} file holds no shared secret.`);
    const out = new EntryCollector();
    for (const account of accounts) {
      const label = isRecord(account) ? text(account.account_name) : '';
      out.add(label, () => {
        const secret = base64Bytes(isRecord(account) ? account.shared_secret : undefined);
        if (!secret) throw new EntrySkip('bad-secret', 'The shared secret is not base64.');
        // The one code that removes Steam Guard from the account when this device is lost.
        const revocation = isRecord(account) ? text(account.revocation_code) : '';
        return {
          ...(revocation ? { recoveryCodes: [{ code: revocation, used: false }] } : {}),
          type: 'steam',
          issuer: 'Steam',
          label,
          secret: base32Of(secret),
          ...STEAM_PARAMS,
          counter: 0,
        };
      });
    }
    return out.result(APP);
  },
};
