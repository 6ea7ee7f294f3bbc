/**
 * Bitwarden's vault exports, "JSON" and "CSV": a login may carry a TOTP field (`login.totp`, column
 * `login_totp`) holding an otpauth link, Bitwarden's own `steam://KEY`, or a bare base32 key.
 * "JSON (Encrypted)" is recognised and refused with the way out: it is sealed with the account key or
 * with Bitwarden's own file-password scheme, neither of which a plain export needs.
 */
import { parseOtpauthUri } from '../../otp/uri.ts';
import { ImportError, type ImportedEntries, type Importer, type ImportInput } from '../importer.ts';
import {
  type Candidate,
  EntryCollector,
  entryName,
  isRecord,
  parseJsonOrDamaged,
  text,
  tryParseJson,
} from './shared/account-entry.ts';
import { CsvError, csvHeader, parseCsv } from './shared/csv.ts';

const APP = 'Bitwarden';

/** Aegis names a Steam account this when the export gives no user name; the samples expect it. */
const STEAM_LABEL = 'Steam account';

interface Item {
  name: string;
  username: string;
  notes: string;
  totp: string;
}

function isEncryptedJson(value: unknown): boolean {
  return (
    isRecord(value) &&
    value.encrypted === true &&
    (Array.isArray(value.items) || typeof value.data === 'string' || 'encKeyValidation_DO_NOT_EDIT' in value)
  );
}

function isPlainJson(value: unknown): value is Record<string, unknown> & { items: unknown[] } {
  if (!isRecord(value) || !Array.isArray(value.items)) return false;
  // Exports before 2020 had no `encrypted` flag, only folders and items.
  return value.encrypted === false || (value.encrypted === undefined && Array.isArray(value.folders));
}

function isCsv(input: ImportInput): boolean {
  const header = csvHeader(input.text);
  return header.includes('login_totp') && header.includes('name');
}

function candidate(item: Item): Candidate {
  const value = item.totp.trim();
  const notes = item.notes;
  if (/^steam:/i.test(value)) {
    return { ...parseOtpauthUri(value), label: item.username || STEAM_LABEL, notes };
  }
  if (/^otpauth:/i.test(value)) {
    const account = parseOtpauthUri(value);
    return { ...account, issuer: account.issuer || item.name, label: account.label || item.username, notes };
  }
  // A bare key: Bitwarden then makes 6-digit SHA1 codes every 30 s, and the item says whose it is.
  return {
    type: 'totp',
    issuer: item.name,
    label: item.username,
    secret: value,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    notes,
  };
}

function collect(items: Iterable<Item | undefined>): ImportedEntries {
  const out = new EntryCollector();
  for (const item of items) {
    if (item === undefined) {
      out.skip('', 'bad-entry', 'An item of the export is not an object.');
      continue;
    }
    // Most items are passwords without a TOTP key: nothing to import, nothing skipped.
    if (item.totp.trim() === '') continue;
    out.add(entryName(item.name, item.username), () => candidate(item));
  }
  return out.result(APP);
}

function jsonItems(items: unknown[]): (Item | undefined)[] {
  return items.map((item) => {
    if (!isRecord(item)) return undefined;
    const login = isRecord(item.login) ? item.login : {};
    return {
      name: text(item.name),
      username: text(login.username),
      notes: text(item.notes),
      totp: text(login.totp),
    };
  });
}

function csvItems(input: ImportInput): Item[] {
  let rows: string[][];
  try {
    rows = parseCsv(input.text);
  } catch (error) {
    if (error instanceof CsvError)
      throw new ImportError('import-damaged', `This ${APP} CSV is cut off or damaged.`);
    throw error;
  }
  const [header = [], ...records] = rows;
  const column = (name: string) => header.indexOf(name);
  const [name, username, notes, totp] = ['name', 'login_username', 'notes', 'login_totp'].map(column);
  const cell = (record: string[], index: number | undefined) =>
    index === undefined || index < 0 ? '' : (record[index] ?? '');
  return records.map((record) => ({
    name: cell(record, name),
    username: cell(record, username),
    notes: cell(record, notes),
    totp: cell(record, totp),
  }));
}

export const bitwardenImporter: Importer = {
  id: 'bitwarden',
  app: APP,
  detect(input) {
    const json = tryParseJson(input.text);
    if (json !== undefined) return isPlainJson(json) || isEncryptedJson(json) ? 'plain' : false;
    return isCsv(input) ? 'plain' : false;
  },
  async read(input) {
    if (isCsv(input)) return collect(csvItems(input));
    const json = parseJsonOrDamaged(input.text, APP);
    if (isEncryptedJson(json)) {
      throw new ImportError(
        'import-unsupported-version',
        'This is an encrypted Bitwarden export. In Bitwarden, export the vault again choosing "JSON" ' +
          '(not "JSON (Encrypted)"), import that file, then delete it.',
      );
    }
    if (!isPlainJson(json)) throw new ImportError('import-damaged', `This ${APP} export has no item list.`);
    return collect(jsonItems(json.items));
  },
};
