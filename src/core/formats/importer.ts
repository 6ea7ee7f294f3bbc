/**
 * The shape every importer of another app's export shares (`src/core/formats/apps/<app>.ts`, listed
 * once in `importers.ts`). Pure: runs in the options page and under Node, never touches the vault.
 * An importer reads; the import flow previews, and `import.commit` writes in one transaction.
 */
import type { NewAccount } from '../account.ts';

/** What was chosen or pasted: the bytes, and the same bytes read as UTF-8 (lossy) for text formats. */
export interface ImportInput {
  bytes: Uint8Array;
  text: string;
}

/** Why one entry of a readable file was left out; the UI translates `reason` (`import_skip_<reason>`). */
export type SkipReason =
  /** MD5, or an algorithm name we do not know. */
  | 'unsupported-algorithm'
  /** Yandex, mOTP, Battle.net's own protocol…: not TOTP, HOTP or Steam. */
  | 'unsupported-type'
  /** The secret is empty, not base32/hex/base64 as the format says, or too short to be one. */
  | 'bad-secret'
  /** Digits, period or counter out of range. */
  | 'bad-parameters'
  /** A line of a text list that is not an otpauth link (its `line` is set). */
  | 'bad-line'
  /** Any other entry that could not be read. */
  | 'bad-entry';

export interface SkippedEntry {
  /** Issuer and name as far as they could be read ('' when nothing could). */
  name: string;
  reason: SkipReason;
  /** 1-based line number in a text list. */
  line?: number;
  /** English detail for the curious and for logs. */
  detail?: string;
}

export interface ImportedEntries {
  accounts: NewAccount[];
  skipped: SkippedEntry[];
}

export type ImportErrorCode =
  /** The file is this app's encrypted export and the password does not open it. */
  | 'import-wrong-password'
  /** It is this app's format, but damaged or cut off. */
  | 'import-damaged'
  /** A version of this app's format we do not read (too new, or retired long ago). */
  | 'import-unsupported-version'
  /** Readable, but it holds no account at all. */
  | 'import-empty';

/** A problem with a file whose format is known; the UI names the app (`importer.app`). */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface Importer {
  /** Stable id, e.g. 'aegis', used in tests and logs. */
  id: string;
  /** The app's own name, shown as is in every language ("This is an encrypted Aegis backup."). */
  app: string;
  /**
   * Cheap and total (never throws, no crypto): is this content this format? 'encrypted' when
   * reading it needs a password. Decides by content, never by file name.
   */
  detect(input: ImportInput): false | 'plain' | 'encrypted';
  /**
   * Reads every entry. Throws only ImportError; anything else is a bug. A password is passed
   * exactly when `detect` said 'encrypted'. Must stay within bounded work for hostile input
   * (no unbounded KDF parameters from the file: cap them).
   */
  read(input: ImportInput, password?: string): Promise<ImportedEntries>;
}

/**
 * An export we recognise but cannot read (an app's private database, a proprietary container): the
 * UI names the app and says how to export from it instead (`import_howto_<id>`).
 */
export interface Unreadable {
  id: string;
  app: string;
  detect(input: ImportInput): boolean;
}
