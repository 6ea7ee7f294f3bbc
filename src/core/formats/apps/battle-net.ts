/**
 * The Battle.net app's authenticator, copied off a rooted Android phone
 * (`shared_prefs/com.blizzard.messenger.authenticator_preferences.xml`). The device secret and
 * the serial are hex of their text XORed with a fixed 56-byte mask (encryption type "MASK"); the
 * secret's text is itself hex of the key. Codes are plain TOTP: SHA1, 8 digits, 30 s.
 * Learnt from Aegis's `BattleNetImporter` (read, not copied; the mask is the app's constant).
 */
import type { Importer, ImportInput } from '../importer.ts';
import { ImportError } from '../importer.ts';
import { base32Of, EntryCollector } from './shared/account-entry.ts';
import { isSharedPrefs, sharedPrefsStrings } from './shared/android-shared-prefs.ts';
import { hexBytes } from './shared/text-bytes.ts';

const APP = 'Battle.net Authenticator';
const PREFIX = 'com.blizzard.messenger.';
const SECRET = `${PREFIX}AUTHENTICATOR_DEVICE_SECRET`;
const SERIAL = `${PREFIX}AUTHENTICATOR_SERIAL`;
const ENCRYPTION = `${PREFIX}AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE`;
const MASK = hexBytes(
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a',
)!;

const damaged = (why: string) => new ImportError('import-damaged', `This ${APP} file is damaged: ${why}.`);

const looksLikeIt = (input: ImportInput) => isSharedPrefs(input.text) && input.text.includes(`"${SECRET}"`);

/** The masked text, or undefined when the value is not hex or longer than the mask. */
function unmask(value: string): string | undefined {
  const bytes = hexBytes(value.trim());
  if (!bytes || bytes.length > MASK.length) return undefined;
  return String.fromCharCode(...bytes.map((b, i) => b ^ MASK[i]!));
}

export const battleNetImporter: Importer = {
  id: 'battle-net',
  app: APP,

  detect: (input) => (looksLikeIt(input) ? 'plain' : false),

  async read(input) {
    if (!looksLikeIt(input)) throw damaged('it is not the authenticator’s settings file');
    const values = new Map(sharedPrefsStrings(input.text).map((entry) => [entry.name, entry.value]));
    const encryption = values.get(ENCRYPTION)?.trim();
    // Newer versions may seal these with the phone's keystore, which a copied file cannot open.
    if (encryption !== undefined && encryption.toUpperCase() !== 'MASK') {
      throw new ImportError(
        'import-unsupported-version',
        `This ${APP} file protects its secret with "${encryption.slice(0, 32)}", which only the phone can open.`,
      );
    }
    const masked = values.get(SECRET);
    if (masked === undefined) throw damaged('its secret entry cannot be read');
    const collector = new EntryCollector();
    if (masked.trim() === '') return collector.result(APP);
    const key = hexBytes(unmask(masked));
    if (!key || key.length === 0) throw damaged('its secret does not unmask to a key');
    // The serial is only the account's name: a damaged one is left out rather than failing the file.
    const serial = unmask(values.get(SERIAL) ?? '') ?? '';
    const label = /^[\x20-\x7e]*$/.test(serial) ? serial.trim() : '';
    collector.add(label ? `Battle.net (${label})` : 'Battle.net', () => ({
      type: 'totp',
      issuer: 'Battle.net',
      label,
      secret: base32Of(key),
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
      counter: 0,
    }));
    return collector.result(APP);
  },
};
