/**
 * otpauth:// links, following Google's Key URI format
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format), read leniently because
 * issuers stray from it, and written strictly so other authenticators read ours.
 * We parse by hand rather than with otpauth's `URI.parse`: that one throws bare URIError/TypeError,
 * requires `counter` on HOTP, knows nothing of Steam and splits labels differently.
 */
import type { OtpAccount, OtpAlgorithm } from '../account';
import { normalizeBase32Secret } from './base32';
import { describeInput, OtpUriError } from './errors';
import { isWellFormedText, MAX_DIGITS, MIN_DIGITS, normalizeAccount, STEAM_PARAMS } from './validate';

/** A QR code holds under 3 KB; this is only a bound on the work done for pasted garbage. */
export const MAX_URI_LENGTH = 65_536;

const DEFAULT_PERIOD = 30;
const DEFAULT_DIGITS = 6;

type Params = Map<string, string>;

export function parseOtpauthUri(uri: string): OtpAccount {
  if (typeof uri !== 'string') {
    throw new OtpUriError('not-otpauth', 'This is not an otpauth:// link.');
  }
  // QR readers and clipboards add line breaks and spaces around the link.
  const text = uri.trim();
  const start = text.slice(0, 24).toLowerCase();
  if (start.startsWith('otpauth-migration:')) {
    throw new OtpUriError(
      'not-otpauth',
      'This is a Google Authenticator export link, which holds several accounts. Use Import instead.',
    );
  }
  const steam = start.startsWith('steam:');
  if (!steam && !start.startsWith('otpauth:')) {
    throw new OtpUriError('not-otpauth', 'This is not an otpauth:// link.');
  }
  if (text.length > MAX_URI_LENGTH) {
    throw new OtpUriError('bad-uri', 'This link is far too long to be an authenticator link.');
  }
  return steam ? parseSteamUri(text) : parseKeyUri(text);
}

function parseKeyUri(text: string): OtpAccount {
  if (!/^otpauth:\/\//i.test(text)) {
    throw new OtpUriError('bad-uri', 'The link is damaged: it should start with "otpauth://".');
  }
  // RFC 3986: the fragment starts at the first '#', the query at the first '?' before it.
  const rest = cutAt(text.slice('otpauth://'.length), '#');
  const q = rest.indexOf('?');
  const head = q < 0 ? rest : rest.slice(0, q);
  const params = parseQuery(q < 0 ? '' : rest.slice(q + 1));
  const slash = head.indexOf('/');
  const host = (slash < 0 ? head : head.slice(0, slash)).toLowerCase();
  // Aegis and others write Steam accounts as otpauth://steam/…
  if (host !== 'totp' && host !== 'hotp' && host !== 'steam') {
    throw new OtpUriError(
      'bad-type',
      `The link is for an unknown kind of code (${describeInput(host)}); only TOTP, HOTP and Steam are supported.`,
    );
  }
  const secret = readSecret(params);
  const split = splitLabel(slash < 0 ? '' : head.slice(slash + 1));
  // Key URI format: the issuer parameter is the one to trust when it and the label disagree.
  const issuerParam = readParam(params, 'issuer');
  const issuer = issuerParam ? issuerParam : split.issuer;
  if (!isWellFormedText(issuer)) {
    throw new OtpUriError('bad-label', 'The issuer in the link is not readable text.');
  }
  const common = { issuer, label: split.label, secret };
  if (isSteam(host, params, issuer)) {
    // Steam's parameters are fixed; whatever else the link says cannot change the codes.
    return { type: 'steam', ...common, ...STEAM_PARAMS, counter: lenient(() => readCounter(params), 0) };
  }
  const algorithm = readAlgorithm(params);
  const digits = readDigits(params);
  if (host === 'hotp') {
    // Google requires `counter` for HOTP; we default to 0 rather than refuse a usable key.
    const period = lenient(() => readPeriod(params), DEFAULT_PERIOD);
    return { type: 'hotp', ...common, algorithm, digits, period, counter: readCounter(params) };
  }
  const period = readPeriod(params);
  return {
    type: 'totp',
    ...common,
    algorithm,
    digits,
    period,
    counter: lenient(() => readCounter(params), 0),
  };
}

/** Bitwarden's `steam://SECRET`, a base32 key and nothing else. */
function parseSteamUri(text: string): OtpAccount {
  if (!/^steam:\/\//i.test(text)) {
    throw new OtpUriError('bad-uri', 'The link is damaged: it should start with "steam://".');
  }
  const raw = cutAt(cutAt(text.slice('steam://'.length), '#'), '?').replace(/\/+$/, '');
  const decoded = tryDecode(raw);
  if (decoded === undefined) {
    throw new OtpUriError('bad-uri', 'The link is damaged: it has a broken %-escape.');
  }
  const secret = normalizeBase32Secret(decoded);
  return { type: 'steam', issuer: 'Steam', label: '', secret, ...STEAM_PARAMS, counter: 0 };
}

/**
 * Steam accounts come as `encoder=steam` (KeePassXC), as otpauth://steam/, or as a plain TOTP
 * link whose issuer is Steam. The last is only a guess, so an explicit non-Steam digit count
 * overrules it; that is also how a TOTP account that merely calls itself "Steam" round-trips.
 */
function isSteam(host: string, params: Params, issuer: string): boolean {
  if (host === 'steam') return true;
  if (host !== 'totp') return false;
  if (readParam(params, 'encoder')?.trim().toLowerCase() === 'steam') return true;
  const digits = readParam(params, 'digits')?.trim();
  return issuer.trim().toLowerCase() === 'steam' && (!digits || digits === '5');
}

/**
 * The label is `issuer:account`, the colon literal or `%3A`, optionally followed by spaces.
 * A literal colon wins over `%3A`, so `Foo%3ABar:alice` keeps the colon inside the issuer: that is
 * what lets us write issuers with colons, and a `%3A` elsewhere is then plainly data.
 */
function splitLabel(raw: string): { issuer: string; label: string } {
  let sep = raw.indexOf(':');
  let sepLength = 1;
  if (sep < 0) {
    sep = raw.search(/%3a/i);
    sepLength = 3;
  }
  if (sep < 0) return { issuer: '', label: decodeLabel(raw) };
  let start = sep + sepLength;
  while (raw[start] === ' ') start++;
  return { issuer: decodeLabel(raw.slice(0, sep)), label: decodeLabel(raw.slice(start)) };
}

function decodeLabel(raw: string): string {
  const decoded = tryDecode(raw);
  if (decoded === undefined || !isWellFormedText(decoded)) {
    throw new OtpUriError(
      'bad-label',
      'The account name in the link is damaged (a broken %-escape or unreadable text).',
    );
  }
  return decoded;
}

/** Raw values keyed by lower-cased name; the first of duplicates wins, as on Android's Uri. */
function parseQuery(query: string): Params {
  const params: Params = new Map();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = tryDecode(formDecode(eq < 0 ? pair : pair.slice(0, eq)))?.toLowerCase();
    if (!key || params.has(key)) continue;
    params.set(key, eq < 0 ? '' : pair.slice(eq + 1));
  }
  return params;
}

/** Values are decoded only when read, so a broken escape in an unknown parameter is ignored. */
function readParam(params: Params, name: string): string | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const decoded = tryDecode(formDecode(raw));
  if (decoded === undefined) {
    throw new OtpUriError('bad-uri', `The link is damaged: its "${name}" value has a broken %-escape.`);
  }
  return decoded;
}

function readSecret(params: Params): string {
  const value = readParam(params, 'secret');
  if (value === undefined || value.trim() === '') {
    throw new OtpUriError('missing-secret', 'The link has no secret key.');
  }
  return normalizeBase32Secret(value);
}

function readAlgorithm(params: Params): OtpAlgorithm {
  const value = readParam(params, 'algorithm');
  if (value === undefined || value.trim() === '') return 'SHA1';
  // Accept the spellings seen in the wild: sha256, SHA-256, HMAC-SHA256.
  const name = value
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/^HMAC/, '');
  if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  throw new OtpUriError(
    'unsupported-algorithm',
    `The algorithm ${describeInput(value)} is not supported; only SHA1, SHA256 and SHA512 are.`,
  );
}

function readDigits(params: Params): number {
  const value = readParam(params, 'digits');
  if (value === undefined || value.trim() === '') return DEFAULT_DIGITS;
  const digits = toInteger(value);
  if (digits === undefined || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new OtpUriError(
      'bad-digits',
      `Codes must have ${MIN_DIGITS}, 7 or ${MAX_DIGITS} digits; the link asks for ${describeInput(value)}.`,
    );
  }
  return digits;
}

function readPeriod(params: Params): number {
  const value = readParam(params, 'period');
  if (value === undefined || value.trim() === '') return DEFAULT_PERIOD;
  const period = toInteger(value);
  if (period === undefined || period < 1) {
    throw new OtpUriError(
      'bad-period',
      `The period must be a whole number of seconds, at least 1; the link has ${describeInput(value)}.`,
    );
  }
  return period;
}

function readCounter(params: Params): number {
  const value = readParam(params, 'counter');
  if (value === undefined || value.trim() === '') return 0;
  const counter = toInteger(value);
  if (counter === undefined) {
    throw new OtpUriError(
      'bad-counter',
      `The counter must be a whole number, 0 or more; the link has ${describeInput(value)}.`,
    );
  }
  return counter;
}

/** Non-negative decimal integers that are exact in a double; anything else is refused. */
function toInteger(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^[0-9]+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A parameter the type does not use is kept when valid (for round-trips) and ignored when not. */
function lenient(read: () => number, fallback: number): number {
  try {
    return read();
  } catch (error) {
    if (error instanceof OtpUriError) return fallback;
    throw error;
  }
}

function cutAt(text: string, char: string): string {
  const i = text.indexOf(char);
  return i < 0 ? text : text.slice(0, i);
}

/** Query strings from form encoders (Python's urlencode, PHP's http_build_query) use '+' for space. */
function formDecode(raw: string): string {
  return raw.replace(/\+/g, ' ');
}

function tryDecode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Writes the strict form: issuer both in the label and as a parameter (Key URI format's advice),
 * every part percent-encoded, every parameter spelled out. Steam goes out as TOTP with
 * `encoder=steam`, which KeePassXC reads and which parses back to the same account.
 */
export function formatOtpauthUri(account: OtpAccount): string {
  const a = normalizeAccount(account);
  const issuer = encodeURIComponent(a.issuer);
  const label = encodeURIComponent(a.label);
  // With no issuer, a leading ':' stops a colon inside the account name being read as the separator.
  const path = a.issuer !== '' ? `${issuer}:${label}` : a.label.includes(':') ? `:${label}` : label;
  const query = [`secret=${a.secret}`];
  if (a.issuer !== '') query.push(`issuer=${issuer}`);
  query.push(`algorithm=${a.algorithm}`, `digits=${a.digits}`);
  if (a.type === 'hotp') {
    query.push(`counter=${a.counter}`);
    if (a.period !== DEFAULT_PERIOD) query.push(`period=${a.period}`);
  } else {
    query.push(`period=${a.period}`);
    if (a.counter !== 0) query.push(`counter=${a.counter}`);
  }
  if (a.type === 'steam') query.push('encoder=steam');
  const uri = `otpauth://${a.type === 'hotp' ? 'hotp' : 'totp'}/${path}?${query.join('&')}`;
  if (uri.length > MAX_URI_LENGTH) {
    throw new OtpUriError('bad-label', 'The issuer or account name is too long to fit in a link.');
  }
  return uri;
}
