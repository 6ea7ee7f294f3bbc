/**
 * otpauth:// links in text: the "plain text" export of Aegis, 2FAS, andOTP, the Authenticator
 * extension and others (one link per line), and also links pasted with other text around them (a
 * CSV row, an e-mail, a Markdown list). Unencrypted: the export flow warns before writing one.
 */
import { Secret } from 'otpauth/bare';
import type { OtpAccount } from '../account.ts';
import { isOtpUriError, type OtpErrorCode } from '../otp/errors.ts';
import { formatOtpauthUri, MAX_URI_LENGTH, parseOtpauthUri } from '../otp/uri.ts';
import { isWellFormedText } from '../otp/validate.ts';

export function otpauthList(accounts: readonly OtpAccount[]): string {
  return accounts.map((account) => `${formatOtpauthUri(account)}\n`).join('');
}

export interface OtpauthListFailure {
  /** 1-based, as an editor shows it. */
  line: number;
  /** The parser's English message. */
  error: string;
  code: OtpErrorCode;
  /** "Issuer (account)" as far as the link's label could be read, '' when not at all. */
  name: string;
}

export interface OtpauthListResult {
  accounts: OtpAccount[];
  failed: OtpauthListFailure[];
}

/**
 * A link ends at white space, at double quotes, backticks and angle brackets (HTML, Markdown
 * `<…>`), and at the separators of CSV and tables (`,` `;` `|`): encoders percent-encode all of
 * these inside a link. A single quote is not among them (encodeURIComponent leaves it, so "O'Brien"
 * stays as it is); it ends a link only when one opened it.
 */
const LINK = /otpauth:\/\/[^\s"<>`,;|]*/gi;
/** Sentence punctuation after a link in prose; tried without it when the link does not read with it. */
const TRAILING = new Set(['.', '!', '?', ':']);

/**
 * Every otpauth:// link in the text, read line by line. A link that does not read is reported with
 * its line number; lines without a link are prose and are passed over, as are `#` comment lines.
 * A line that is only a `steam://KEY` (Bitwarden's form) or starts with a damaged `otpauth:` is
 * read as one link, as a list of links would mean it.
 */
export function parseOtpauthList(text: string): OtpauthListResult {
  const result: OtpauthListResult = { accounts: [], failed: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const links = linksIn(line);
    for (const link of links) {
      const read = links.length === 1 ? readWholeLine(line, readLink(link)) : readLink(link);
      if ('account' in read) result.accounts.push(read.account);
      else result.failed.push({ line: i + 1, ...read.failure });
    }
  });
  return result;
}

/** Each link as the ways it may be cut, the likeliest first. */
function linksIn(line: string): string[][] {
  if (/^steam:\/\/\S*$/i.test(line)) return [[line]];
  // Links copied from an HTML mail keep their escaped ampersands.
  const text = line.replace(/&amp;/gi, '&');
  const links = Array.from(text.matchAll(LINK), (match) => {
    if (text[match.index - 1] === "'") return [closeBrackets(match[0].split("'")[0]!)];
    const spaced = withSpacedLabel(text, match.index);
    return spaced ? [closeBrackets(spaced), closeBrackets(match[0])] : [closeBrackets(match[0])];
  });
  if (links.length === 0 && /^otpauth:/i.test(line)) return [[line.split(/\s/)[0]!]];
  return links;
}

/** Far longer than any label; only bounds the scan for a '?' in hostile text. */
const MAX_SPACED_LABEL = 512;

/**
 * Hand-made lists and some apps leave spaces in the label ("otpauth://totp/My Bank:ann?secret=…").
 * When spaces, and nothing else that ends a link, come before the '?', the link may run on past
 * them; it is tried that way first. Not past another link, so two links are never read as one.
 */
function withSpacedLabel(text: string, start: number): string | undefined {
  const end = Math.min(text.length, start + MAX_SPACED_LABEL);
  let spaced = false;
  for (let i = start; i < end; i++) {
    const char = text[i]!;
    if (char === '?') {
      if (!spaced) return undefined;
      const query = /^[^\s"<>`,;|]*/.exec(text.slice(i + 1, i + 1 + MAX_URI_LENGTH))?.[0] ?? '';
      return text.slice(start, i + 1) + query;
    }
    if (char === ' ') {
      spaced = true;
      if (/^otpauth:/i.test(text.slice(i + 1, i + 9))) return undefined;
    } else if (/[\s"<>`,;|]/.test(char)) return undefined;
  }
  return undefined;
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** `[name](otpauth://…)`: a closing bracket the link did not open belongs to the text around it. */
function closeBrackets(link: string): string {
  let end = link.length;
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    let unopened = count(link.slice(0, end), close) - count(link.slice(0, end), open);
    while (unopened > 0 && link[end - 1] === close) {
      end--;
      unopened--;
    }
  }
  return link.slice(0, end);
}

/** Counted by hand: a regex anchored at the end would rescan every run of dots in a hostile line. */
function withoutTrailing(link: string): string {
  let end = link.length;
  while (end > 0 && TRAILING.has(link[end - 1]!)) end--;
  return link.slice(0, end);
}

type Read = { account: OtpAccount } | { failure: Omit<OtpauthListFailure, 'line'> };

/** The first cut that reads; if none does, what was wrong with the likeliest one. */
function readLink(cuts: string[]): Read {
  let failure: Read | undefined;
  for (const [n, cut] of cuts.entries()) {
    const trimmed = withoutTrailing(cut);
    for (const attempt of trimmed === cut ? [cut] : [cut, trimmed]) {
      const read = readOne(attempt);
      if ('account' in read) return read;
      if (n === 0) failure = read;
    }
  }
  return failure!;
}

/**
 * A line that is one link with spaces in it may be a link written with raw spaces in its values
 * ("…&issuer=My Bank"), as lists of links used to be read; or a link with words after it. The
 * whole line is taken only when it gives the same secret as the link cut at the first space, so
 * words after a link never become part of its key (base32 readers skip spaces).
 */
function readWholeLine(line: string, cut: Read): Read {
  if (!('account' in cut) || !/^otpauth:\/\/\S*\s/i.test(line)) return cut;
  const whole = readOne(line);
  return 'account' in whole && whole.account.secret === cut.account.secret ? whole : cut;
}

function readOne(link: string): Read {
  try {
    return { account: parseOtpauthUri(link) };
  } catch (error) {
    if (!isOtpUriError(error)) throw error;
    const hex = error.code === 'bad-base32' ? withHexSecret(link) : undefined;
    if (hex) {
      try {
        return { account: parseOtpauthUri(hex) };
      } catch (again) {
        if (!isOtpUriError(again)) throw again;
      }
    }
    return { failure: { error: error.message, code: error.code, name: linkName(link) } };
  }
}

/**
 * The Authenticator extension writes hex keys into its otpauth backup as they are. A secret that
 * is not base32 but is all hex (8 characters or more) is read as hex the way that extension reads
 * it: an odd length loses a final '0' or gains one.
 */
function withHexSecret(link: string): string | undefined {
  const match = /([?&]secret=)([^&#]*)/i.exec(link);
  if (!match) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(match[2]!);
  } catch {
    return undefined;
  }
  if (!/^[0-9a-f]{8,}$/i.test(value)) return undefined;
  const hex = value.length % 2 === 0 ? value : value.endsWith('0') ? value.slice(0, -1) : `${value}0`;
  const base32 = Secret.fromHex(hex).base32;
  return link.slice(0, match.index) + match[1] + base32 + link.slice(match.index + match[0].length);
}

/** What the preview can call a link it could not read. */
function linkName(link: string): string {
  const path = /^otpauth:\/\/[^/?#]*\/([^?#]*)/i.exec(link)?.[1] ?? '';
  let label = path;
  try {
    label = decodeURIComponent(path);
  } catch {
    // A broken escape: the raw text still tells the person which line it was.
  }
  if (!isWellFormedText(label)) return '';
  const colon = label.indexOf(':');
  const [issuer, account] = colon < 0 ? ['', label] : [label.slice(0, colon), label.slice(colon + 1).trim()];
  const name = issuer && account ? `${issuer} (${account})` : issuer || account;
  return Array.from(name).slice(0, 100).join('');
}
