/**
 * Duo Mobile's account list (`files/duokit/accounts.json`): a JSON array of accounts, third-party
 * ones with `otpGenerator: {otpSecret (base32), counter?}`. Duo makes 6-digit SHA1 codes every
 * 30 s, or by counter when one is stored; the file names no issuer, only the account's `name`.
 */
import { ImportError, type Importer } from '../importer.ts';
import {
  EntryCollector,
  EntrySkip,
  integer,
  isRecord,
  parseJsonOrDamaged,
  text,
  tryParseJson,
} from './shared/account-entry.ts';

const APP = 'Duo Mobile';

const hasGenerator = (value: unknown) => isRecord(value) && isRecord(value.otpGenerator);

function isExport(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some(hasGenerator) && value.every(isRecord);
}

export const duoImporter: Importer = {
  id: 'duo',
  app: APP,
  detect(input) {
    return isExport(tryParseJson(input.text)) ? 'plain' : false;
  },
  async read(input) {
    const json = parseJsonOrDamaged(input.text, APP);
    if (!Array.isArray(json))
      throw new ImportError('import-damaged', `This ${APP} file is not an account list.`);
    const out = new EntryCollector();
    for (const entry of json) {
      if (!isRecord(entry)) {
        out.skip('', 'bad-entry', 'An entry of the list is not an account.');
        continue;
      }
      const label = text(entry.name);
      out.add(label, () => {
        const generator = entry.otpGenerator;
        // Duo's own push accounts have no generator: nothing another app could make codes from.
        if (!isRecord(generator))
          throw new EntrySkip('unsupported-type', 'This Duo account has no code generator.');
        const base = {
          issuer: '',
          label,
          secret: text(generator.otpSecret),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
        } as const;
        const hotp = generator.counter !== undefined && generator.counter !== null;
        return hotp
          ? { type: 'hotp', ...base, counter: integer(generator.counter, 0, 'counter') }
          : { type: 'totp', ...base, counter: 0 };
      });
    }
    return out.result(APP);
  },
};
