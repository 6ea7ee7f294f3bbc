/**
 * Authy's own token store, copied off a rooted Android phone (Authy never had an export):
 * `shared_prefs/com.authy.storage.tokens.authenticator.xml` (tokens added from a QR code) or
 * `….authy.xml` (Authy's native tokens), a SharedPreferences file whose one string entry is a JSON
 * array of tokens. A token carries its key as `decryptedSecret` (base32), as `secretSeed` (hex, the
 * native ones), or sealed as `encryptedSecret` with its own `salt`: AES-256-CBC, zero IV, PKCS#7,
 * under PBKDF2-HMAC-SHA1(backup password, UTF-8 of the salt string, 1000 iterations); the plaintext
 * is the base32 text. Authy stores no algorithm or period: QR tokens are SHA1 and 30 s, native
 * ones SHA1 and 10 s. Learnt from Aegis's `AuthyImporter` (read, not copied).
 */
import { fromUtf8, utf8 } from '../../crypto/bytes.ts';
import { ImportError, type Importer, type ImportInput } from '../importer.ts';
import {
  base32Of,
  type Candidate,
  EntryCollector,
  EntrySkip,
  entryName,
  integer,
  isRecord,
  text,
} from './shared/account-entry.ts';
import { isSharedPrefs, sharedPrefsStrings } from './shared/android-shared-prefs.ts';
import { openCbc, pbkdf2 } from './shared/decrypt.ts';
import { base64Bytes, hexBytes } from './shared/text-bytes.ts';

const APP = 'Authy';
const TOKEN_LISTS = ['com.authy.storage.tokens.authenticator.key', 'com.authy.storage.tokens.authy.key'];
/** Fixed by Authy, not read from the file, so a hostile file cannot raise it. */
const ITERATIONS = 1000;
const KEY_BYTES = 32;
const ZERO_IV = new Uint8Array(16);
/**
 * A wrong password fails every token alike; after this many failures and no success we stop
 * deriving keys (each costs a PBKDF2 run) and say so, however many tokens the file has.
 */
const WRONG_PASSWORD_AFTER = 3;
const QR_PERIOD = 30;
const NATIVE_PERIOD = 10;

type Token = Record<string, unknown>;

const damaged = (why: string) => new ImportError('import-damaged', `This ${APP} file is damaged: ${why}.`);

/** The token lists' JSON texts, or undefined when the file holds none. */
function tokenLists(input: ImportInput): string[] | undefined {
  if (!isSharedPrefs(input.text) || !TOKEN_LISTS.some((key) => input.text.includes(`"${key}"`))) {
    return undefined;
  }
  return sharedPrefsStrings(input.text)
    .filter((entry) => TOKEN_LISTS.includes(entry.name))
    .map((entry) => entry.value);
}

/** Authy's own tokens (not added from a QR code) carry a hex seed instead of a base32 secret. */
const isNative = (token: Token) => token.secretSeed !== undefined && token.decryptedSecret === undefined;
const isSealed = (token: Token) =>
  token.decryptedSecret === undefined &&
  token.secretSeed === undefined &&
  token.encryptedSecret !== undefined;

function parseTokens(lists: string[]): unknown[] {
  if (lists.length === 0) throw damaged('its list of tokens cannot be read');
  const tokens: unknown[] = [];
  for (const list of lists) {
    let value: unknown;
    try {
      value = JSON.parse(list);
    } catch {
      throw damaged('its list of tokens is not readable JSON');
    }
    if (!Array.isArray(value)) throw damaged('its list of tokens is not a list');
    tokens.push(...value);
  }
  return tokens;
}

export const authyImporter: Importer = {
  id: 'authy',
  app: APP,

  detect(input) {
    const lists = tokenLists(input);
    if (!lists) return false;
    try {
      return parseTokens(lists).some((token) => isRecord(token) && isSealed(token)) ? 'encrypted' : 'plain';
    } catch {
      // Damaged, but plainly Authy's: `read` says so.
      return 'plain';
    }
  },

  async read(input, password) {
    const lists = tokenLists(input);
    if (!lists) throw damaged('it is not Authy’s token list');
    const tokens = parseTokens(lists);
    const secrets = await unsealAll(tokens.filter(isRecord).filter(isSealed), password);
    const collector = new EntryCollector();
    for (const token of tokens) {
      if (!isRecord(token)) {
        collector.skip('', 'bad-entry', 'This token is not an object.');
        continue;
      }
      const { issuer, label } = names(token);
      collector.add(entryName(issuer, label), () => candidate(token, issuer, label, secrets.get(token)));
    }
    return collector.result(APP);
  },
};

function candidate(
  token: Token,
  issuer: string,
  label: string,
  unsealed: string | EntrySkip | undefined,
): Candidate {
  if (unsealed instanceof EntrySkip) throw unsealed;
  const native = isNative(token);
  let secret: string;
  if (native) {
    const seed = hexBytes(token.secretSeed);
    if (!seed) throw new EntrySkip('bad-secret', 'The secret seed is not hex.');
    secret = base32Of(seed);
  } else {
    secret = unsealed ?? text(token.decryptedSecret);
  }
  return {
    type: 'totp',
    issuer,
    label,
    secret,
    algorithm: 'SHA1',
    // Authy's native tokens have 7 digits; QR tokens say theirs, and default to 6 like a link.
    digits: integer(token.digits, native ? 7 : 6, 'number of digits'),
    period: native ? NATIVE_PERIOD : QR_PERIOD,
    counter: 0,
  };
}

/**
 * Authy shows "Deno: Mason": the issuer is `originalIssuer`, else the part of `originalName` before
 * its colon, else what precedes " - " in the name; the label is the name without that prefix.
 * A native token's name is the service itself.
 */
function names(token: Token): { issuer: string; label: string } {
  const name = text(token.name);
  if (isNative(token)) {
    return { issuer: name, label: '' };
  }
  const originalName = text(token.originalName);
  const colon = originalName.indexOf(':');
  let issuer = text(token.originalIssuer);
  let separator = '';
  if (!issuer && colon > 0) {
    issuer = originalName.slice(0, colon);
    separator = ':';
  } else if (!issuer && name.includes(' - ')) {
    issuer = name.slice(0, name.indexOf(' - '));
    separator = ' - ';
  } else if (!issuer) {
    const type = text(token.accountType);
    issuer = type.charAt(0).toUpperCase() + type.slice(1);
  }
  let label =
    issuer && name.startsWith(issuer + separator) ? name.slice(issuer.length + separator.length) : name;
  label = label.replace(/^\s*:\s*/, '').trim();
  if (!label && colon >= 0) label = originalName.slice(colon + 1).trim();
  return { issuer, label };
}

/**
 * Every sealed token's base32 secret, or why it stays shut. No token opening at all means the
 * password is wrong; a token that does not open while others do was damaged on its own.
 */
async function unsealAll(
  sealed: Token[],
  password: string | undefined,
): Promise<Map<Token, string | EntrySkip>> {
  const out = new Map<Token, string | EntrySkip>();
  if (sealed.length === 0) return out;
  if (password === undefined) {
    throw new ImportError('import-wrong-password', `This ${APP} file needs its backup password.`);
  }
  let opened = 0;
  let failed = 0;
  const keys = new Map<string, Uint8Array>();
  for (const token of sealed) {
    const data = base64Bytes(token.encryptedSecret);
    if (typeof token.salt !== 'string' || !data || data.length === 0 || data.length % 16 !== 0) {
      out.set(token, new EntrySkip('bad-secret', 'The sealed secret or its salt is damaged.'));
      continue;
    }
    let key = keys.get(token.salt);
    if (!key) {
      key = await pbkdf2(password, utf8(token.salt), ITERATIONS, 'SHA-1', KEY_BYTES);
      keys.set(token.salt, key);
    }
    const secret = asBase32Text(await openCbc(key, ZERO_IV, data));
    if (secret === undefined) {
      failed++;
      out.set(token, new EntrySkip('bad-secret', 'The sealed secret does not open with this password.'));
      if (opened === 0 && failed >= WRONG_PASSWORD_AFTER) break;
    } else {
      opened++;
      out.set(token, secret);
    }
  }
  if (opened === 0 && failed > 0) {
    throw new ImportError('import-wrong-password', `That is not this ${APP} file’s backup password.`);
  }
  return out;
}

/** A wrong key that still ends in valid padding gives bytes, but not base32 text. */
function asBase32Text(plain: Uint8Array | undefined): string | undefined {
  if (!plain) return undefined;
  let textValue: string;
  try {
    textValue = fromUtf8(plain);
  } catch {
    return undefined;
  }
  return /^[A-Za-z2-7\s=-]+$/.test(textValue) ? textValue : undefined;
}
