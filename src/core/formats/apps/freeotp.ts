/**
 * FreeOTP and FreeOTP+: FreeOTP+'s JSON export ({tokenOrder, tokens}), the SharedPreferences file
 * FreeOTP 1 and FreeOTP+ keep their tokens in (one JSON token per <string>, the secret as Java's
 * signed bytes, plus a "tokenOrder" list), and FreeOTP 2's encrypted backup (`shared/freeotp-v2.ts`).
 * Counters are taken as stored: FreeOTP 1 keeps the last one used, FreeOTP 2 the next one.
 */
import { STEAM_PARAMS } from '../../otp/validate.ts';
import { ImportError, type ImportedEntries, type Importer } from '../importer.ts';
import {
  algorithm,
  base32Of,
  type Candidate,
  EntryCollector,
  EntrySkip,
  entryName,
  integer,
  isRecord,
  parseJsonOrDamaged,
  signedBytes,
  text,
  tryParseJson,
} from './shared/account-entry.ts';
import { isSharedPrefs, sharedPrefsStrings } from './shared/android-shared-prefs.ts';
import { readFreeOtpV2 } from './shared/freeotp-v2.ts';
import { isJavaStream } from './shared/java-string-map.ts';

const APP = 'FreeOTP';
const ORDER_KEY = 'tokenOrder';

/** FreeOTP shows the user's own names (…Alt) over the ones from the link. */
function names(token: Record<string, unknown>): { issuer: string; label: string } {
  return {
    issuer: text(token.issuerAlt) || text(token.issuerExt) || text(token.issuerInt),
    label: text(token.labelAlt) || text(token.label),
  };
}

/** A token with its secret; absent fields take FreeOTP's defaults (TOTP, SHA1, 6 digits, 30 s). */
function candidate(token: Record<string, unknown>, secret: Uint8Array): Candidate {
  const { issuer, label } = names(token);
  const type = (text(token.type) || 'TOTP').toUpperCase();
  const common = { issuer, label, secret: base32Of(secret), algorithm: algorithm(token.algo) };
  const digits = integer(token.digits, 6, 'number of digits');
  const counter = integer(token.counter, 0, 'counter');
  if (type === 'HOTP') return { type: 'hotp', ...common, digits, period: 30, counter };
  if (type !== 'TOTP')
    throw new EntrySkip('unsupported-type', `FreeOTP type ${type.slice(0, 16)} is not TOTP or HOTP.`);
  // FreeOTP+ shows Steam codes for a TOTP token whose link named Steam as the issuer.
  if (text(token.issuerExt) === 'Steam') {
    return { type: 'steam', ...common, ...STEAM_PARAMS, counter: 0 };
  }
  return { type: 'totp', ...common, digits, period: integer(token.period, 30, 'period'), counter: 0 };
}

function addToken(out: EntryCollector, token: unknown, fallbackName = ''): void {
  if (!isRecord(token)) {
    out.skip(fallbackName, 'bad-entry', 'The token is not readable JSON.');
    return;
  }
  const { issuer, label } = names(token);
  out.add(entryName(issuer, label) || fallbackName, () => {
    const secret = signedBytes(token.secret);
    if (!secret) throw new EntrySkip('bad-secret', 'The secret key is not a list of bytes.');
    return candidate(token, secret);
  });
}

function isPlusJson(value: unknown): value is { tokens: unknown[] } {
  return isRecord(value) && Array.isArray(value.tokens) && Array.isArray(value.tokenOrder);
}

function looksLikeToken(value: string): boolean {
  const json = tryParseJson(value);
  return isRecord(json) && Array.isArray(json.secret) && typeof json.type === 'string';
}

/** A FreeOTP prefs file has a tokenOrder list or, failing that, a token among its first entries. */
function isTokenPrefs(text: string): boolean {
  if (!isSharedPrefs(text)) return false;
  const entries = sharedPrefsStrings(text);
  return (
    entries.some((e) => e.name === ORDER_KEY) || entries.slice(0, 20).some((e) => looksLikeToken(e.value))
  );
}

function isV2Backup(bytes: Uint8Array, text: string): boolean {
  return isJavaStream(bytes) && text.includes('java.util.HashMap') && text.includes('masterKey');
}

async function readV2(bytes: Uint8Array, password: string | undefined): Promise<ImportedEntries> {
  const out = new EntryCollector();
  for (const { token, secret } of await readFreeOtpV2(bytes, password)) {
    if (secret instanceof Uint8Array) {
      const { issuer, label } = names(token);
      out.add(entryName(issuer, label), () => candidate(token, secret));
    } else {
      const { issuer, label } = names(token);
      out.skip(entryName(issuer, label), 'bad-secret', secret.problem);
    }
  }
  return out.result(APP);
}

export const freeotpImporter: Importer = {
  id: 'freeotp',
  app: APP,
  detect(input) {
    if (isV2Backup(input.bytes, input.text)) return 'encrypted';
    if (isTokenPrefs(input.text)) return 'plain';
    return isPlusJson(tryParseJson(input.text)) ? 'plain' : false;
  },
  async read(input, password) {
    if (isJavaStream(input.bytes)) return readV2(input.bytes, password);
    const out = new EntryCollector();
    if (isSharedPrefs(input.text)) {
      for (const { name, value } of sharedPrefsStrings(input.text)) {
        if (name !== ORDER_KEY) addToken(out, tryParseJson(value), name);
      }
      return out.result(APP);
    }
    const json = parseJsonOrDamaged(input.text, APP);
    if (!isPlusJson(json)) throw new ImportError('import-damaged', `This ${APP} export has no token list.`);
    for (const token of json.tokens) addToken(out, token);
    return out.result(APP);
  },
};
