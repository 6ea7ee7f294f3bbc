/**
 * Files people pick that hold their accounts but that we do not read: apps' private databases
 * (copied off a rooted phone), ZIP files, Ente's encrypted export. Each is named so the UI can say
 * how to export from that app instead (`import_howto_<id>`; ids use only letters and '_' because
 * they are part of a message name). Most specific first: the generic ones come last.
 */
import type { ImportInput, Unreadable } from '../importer.ts';
import { isRecord, tryParseJson } from './shared/account-entry.ts';

const SQLITE_MAGIC = 'SQLite format 3\0';
const ZIP_LOCAL_HEADER = 'PK\x03\x04';
/** General purpose bit 0 of a ZIP entry: its data is encrypted. */
const ZIP_ENCRYPTED = 0x0001;

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

const isSqlite = (input: ImportInput) => startsWith(input.bytes, SQLITE_MAGIC);

/**
 * SQLite keeps each table's CREATE statement as plain text in the file (its schema table), so the
 * tables show in the bytes: which app made the database is a text search, no SQL reader needed.
 */
const createTable = (table: string) => new RegExp(`CREATE TABLE\\s+["'\`]?${table}["'\`]?\\s*\\(`, 'i');
const ACCOUNTS_TABLE = createTable('accounts');
const AUTHENTICATOR_TABLE = createTable('authenticator');

function isZip(input: ImportInput): boolean {
  return startsWith(input.bytes, ZIP_LOCAL_HEADER) && input.bytes.length >= 30;
}

function isEncryptedZip(input: ImportInput): boolean {
  if (!isZip(input)) return false;
  const flags = (input.bytes[6] ?? 0) | ((input.bytes[7] ?? 0) << 8);
  return (flags & ZIP_ENCRYPTED) !== 0;
}

export const unreadableFormats: Unreadable[] = [
  {
    id: 'microsoft_authenticator',
    app: 'Microsoft Authenticator',
    detect: (input) => isSqlite(input) && input.text.includes('oath_secret_key'),
  },
  {
    id: 'google_authenticator',
    app: 'Google Authenticator',
    detect: (input) =>
      isSqlite(input) && ACCOUNTS_TABLE.test(input.text) && input.text.includes('original_name'),
  },
  {
    id: 'stratum_database',
    app: 'Stratum (Authenticator Pro)',
    detect: (input) => isSqlite(input) && AUTHENTICATOR_TABLE.test(input.text),
  },
  { id: 'sqlite_database', app: 'a database file', detect: isSqlite },
  {
    // Its ZIP is locked with ZipCrypto; the entry names stay readable, and its one file is this.
    id: 'authenticator_plus',
    app: 'Authenticator Plus',
    detect: (input) => isEncryptedZip(input) && input.text.includes('Accounts.txt'),
  },
  {
    id: 'ente_encrypted',
    app: 'Ente Auth',
    detect(input) {
      if (!input.text.includes('"encryptedData"')) return false;
      const file = tryParseJson(input.text);
      return (
        isRecord(file) &&
        isRecord(file.kdfParams) &&
        typeof file.encryptedData === 'string' &&
        typeof file.encryptionNonce === 'string'
      );
    },
  },
  { id: 'zip', app: 'a ZIP file', detect: isZip },
];
