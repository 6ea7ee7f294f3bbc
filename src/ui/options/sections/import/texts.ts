import type { ImportErrorCode, SkippedEntry } from '../../../../core/formats/importer';
import { type MessageKey, t } from '../../../i18n';

const ERROR_TEXT: Record<ImportErrorCode, MessageKey> = {
  'import-wrong-password': 'import_error_wrong_password',
  'import-damaged': 'import_error_damaged',
  'import-unsupported-version': 'import_error_unsupported_version',
  'import-empty': 'import_error_empty',
};

/** What went wrong with a file of a known app, naming the app. */
export const importErrorText = (code: ImportErrorCode, app: string): string => t(ERROR_TEXT[code], app);

/** One left-out entry: "Line 4: not an otpauth link", or "GitHub (anna): uses an algorithm…". */
export function skippedText(entry: SkippedEntry): string {
  const reason = t(`import_skip_${entry.reason.replaceAll('-', '_')}` as MessageKey);
  if (entry.line !== undefined) return t('import_skip_line', [String(entry.line), reason]);
  return entry.name ? t('import_skip_named', [entry.name, reason]) : t('import_skip_unnamed', reason);
}

/**
 * How to export from an app whose own file we cannot read (`import_howto_<id>`), or '' when there
 * is no such text: t() gives back the key for a message that does not exist.
 */
export function howToText(id: string): string {
  const key = `import_howto_${id}` as MessageKey;
  const text = t(key);
  return text === key ? '' : text;
}
