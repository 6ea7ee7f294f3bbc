/**
 * A plain text file of otpauth:// links, one per line: what Aegis, 2FAS, andOTP and others export
 * as "plain text" and read back. Unencrypted: the export flow warns before writing one.
 */
import type { OtpAccount } from '../account.ts';
import { isOtpUriError } from '../otp/errors.ts';
import { formatOtpauthUri, parseOtpauthUri } from '../otp/uri.ts';

export function otpauthList(accounts: readonly OtpAccount[]): string {
  return accounts.map((account) => `${formatOtpauthUri(account)}\n`).join('');
}

export interface OtpauthListResult {
  accounts: OtpAccount[];
  /** 1-based line numbers, as an editor shows them, with the parser's English message. */
  failed: { line: number; error: string }[];
}

/** Blank lines and `#` comments are skipped; a bad line is reported and the rest still read. */
export function parseOtpauthList(text: string): OtpauthListResult {
  const result: OtpauthListResult = { accounts: [], failed: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    try {
      result.accounts.push(parseOtpauthUri(line));
    } catch (error) {
      if (!isOtpUriError(error)) throw error;
      result.failed.push({ line: i + 1, error: error.message });
    }
  });
  return result;
}
