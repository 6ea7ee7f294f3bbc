/**
 * Proton Authenticator's export: {version: 1, entries: [{id, content: {uri, entry_type, name}, note}]}.
 * `uri` is an otpauth link (or `steam://KEY` for Steam entries); `name` is the name the user sees,
 * which may have been edited since the link was scanned, so it wins over the link's label.
 */

import { parseOtpauthUri } from '../../otp/uri.ts';
import { ImportError, type Importer } from '../importer.ts';
import { EntryCollector, isRecord, parseJsonOrDamaged, text, tryParseJson } from './shared/account-entry.ts';

const APP = 'Proton Authenticator';

function isExport(value: unknown): value is { entries: unknown[] } {
  if (!isRecord(value) || typeof value.version !== 'number' || !Array.isArray(value.entries)) return false;
  const first: unknown = value.entries[0];
  return first === undefined || (isRecord(first) && isRecord(first.content));
}

export const protonImporter: Importer = {
  id: 'proton',
  app: APP,
  detect(input) {
    return isExport(tryParseJson(input.text)) ? 'plain' : false;
  },
  async read(input) {
    const json = parseJsonOrDamaged(input.text, APP);
    if (!isExport(json)) throw new ImportError('import-damaged', `This ${APP} export has no entry list.`);
    const out = new EntryCollector();
    for (const entry of json.entries) {
      const content = isRecord(entry) && isRecord(entry.content) ? entry.content : undefined;
      if (!isRecord(entry) || !content) {
        out.skip('', 'bad-entry', 'An entry of the export is not readable.');
        continue;
      }
      const name = text(content.name);
      out.add(name, () => {
        const account = parseOtpauthUri(text(content.uri));
        return { ...account, label: name || account.label, notes: text(entry.note) };
      });
    }
    return out.result(APP);
  },
};
