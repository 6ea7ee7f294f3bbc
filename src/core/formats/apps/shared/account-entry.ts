/**
 * What an importer does with one entry of another app's file: build an account from the app's
 * fields, check it with the vault's own rules (`normalizeAccount`), and keep it or say why it was
 * left out. A problem with one entry is an `EntrySkip` (or the validator's `OtpUriError`), so one odd
 * entry never fails the whole file; anything else escaping a builder is a bug and is not caught.
 */
import { Secret } from 'otpauth/bare';
import type { NewAccount, OtpAccount, OtpAlgorithm } from '../../../account.ts';
import { type OtpErrorCode, OtpUriError } from '../../../otp/errors.ts';
import { normalizeAccount } from '../../../otp/validate.ts';
import { ImportError, type ImportedEntries, type SkippedEntry, type SkipReason } from '../../importer.ts';

export class EntrySkip extends Error {
  constructor(
    readonly reason: SkipReason,
    message: string,
  ) {
    super(message);
    this.name = 'EntrySkip';
  }
}

const REASONS: Record<OtpErrorCode, SkipReason> = {
  'not-otpauth': 'bad-entry',
  'bad-uri': 'bad-entry',
  'bad-label': 'bad-entry',
  'bad-type': 'unsupported-type',
  'missing-secret': 'bad-secret',
  'bad-base32': 'bad-secret',
  'unsupported-algorithm': 'unsupported-algorithm',
  'bad-digits': 'bad-parameters',
  'bad-period': 'bad-parameters',
  'bad-counter': 'bad-parameters',
};

/** "Issuer (label)", as the preview lists a skipped entry. */
export function entryName(issuer: string, label: string): string {
  return issuer && label ? `${issuer} (${label})` : issuer || label;
}

export type Candidate = OtpAccount & { notes?: string };

export class EntryCollector {
  readonly accounts: NewAccount[] = [];
  readonly skipped: SkippedEntry[] = [];

  /** `name` is what the preview shows if the entry cannot be read, so build it from raw fields. */
  add(name: string, build: () => Candidate): void {
    try {
      const candidate = build();
      const account: NewAccount = normalizeAccount(candidate);
      if (candidate.notes) account.notes = candidate.notes;
      this.accounts.push(account);
    } catch (error) {
      if (error instanceof EntrySkip) this.skip(name, error.reason, error.message);
      else if (error instanceof OtpUriError) this.skip(name, REASONS[error.code], error.message);
      else throw error;
    }
  }

  /** Every entry of a JSON list: one that is not an object is skipped, the rest read by `build`. */
  addRecords(
    list: readonly unknown[],
    name: (entry: Record<string, unknown>) => string,
    build: (entry: Record<string, unknown>) => Candidate,
  ): this {
    for (const entry of list) {
      if (isRecord(entry)) this.add(name(entry), () => build(entry));
      else this.skip('', 'bad-entry', 'An entry of the file is not an object.');
    }
    return this;
  }

  skip(name: string, reason: SkipReason, detail?: string): void {
    this.skipped.push(detail === undefined ? { name, reason } : { name, reason, detail });
  }

  /** A file with nothing in it at all is `import-empty`; one whose entries were all skipped is not. */
  result(app: string): ImportedEntries {
    if (this.accounts.length === 0 && this.skipped.length === 0) {
      throw new ImportError('import-empty', `This ${app} export holds no accounts.`);
    }
    return { accounts: this.accounts, skipped: this.skipped };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** For `detect`: undefined when the text is not JSON (never throws). */
export function tryParseJson(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body[0] !== '{' && body[0] !== '[') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** For `read`: a file that detected as this app's JSON but no longer parses is damaged. */
export function parseJsonOrDamaged(text: string, app: string): unknown {
  const value = tryParseJson(text);
  if (value === undefined)
    throw new ImportError('import-damaged', `This ${app} export is not readable JSON.`);
  return value;
}

/** A string field, or '' when absent or of another type (names are never worth losing an entry). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An integer field that may be a number or a string of digits; absent or null gives `fallback`. */
export function integer(value: unknown, fallback: number, what: string): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' && /^\s*-?[0-9]+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new EntrySkip('bad-parameters', `The ${what} is not a whole number.`);
  }
  return n;
}

/** "SHA1", "sha-256", "HmacSHA512"…; absent gives SHA1. MD5 and unknown names skip the entry. */
export function algorithm(value: unknown): OtpAlgorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  const name =
    typeof value === 'string'
      ? value
          .toUpperCase()
          .replace(/[\s_-]/g, '')
          .replace(/^HMAC/, '')
      : '';
  if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  const shown = typeof value === 'string' ? value.slice(0, 32) : typeof value;
  throw new EntrySkip('unsupported-algorithm', `The algorithm ${shown} is not supported.`);
}

/** Java's signed bytes (-128…127) as JSON numbers; 128…255 are accepted too. Undefined if not that. */
export function signedBytes(value: unknown): Uint8Array | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const b: unknown = value[i];
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) return undefined;
    out[i] = b & 0xff;
  }
  return out;
}

/** Raw key bytes as the canonical base32 the vault stores. */
export function base32Of(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new EntrySkip('bad-secret', 'The secret key is empty.');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Secret({ buffer: copy.buffer }).base32;
}
