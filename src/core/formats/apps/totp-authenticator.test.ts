import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { toBase64 } from '../base64.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';
import { totpAuthenticatorImporter as importer } from './totp-authenticator.ts';

const input = (text: string) => importInput(utf8(text));

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

/** Test-only encoder: base64 of AES-256-CBC, key SHA-256(password), zero IV, as the app writes it. */
async function sealBackup(list: unknown[] | string, password: string, wrap = false) {
  const inner = typeof list === 'string' ? list : JSON.stringify(list);
  const plain = JSON.stringify({ [inner]: '2024-01-01 10:00:00' });
  const raw = await crypto.subtle.digest('SHA-256', utf8(password));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt']);
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, utf8(plain)),
  );
  const text = toBase64(data);
  return wrap ? `${text.replace(/(.{76})/g, '$1\n')}\n` : text;
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const prefs = (list: unknown[]) =>
  `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n` +
  `    <int name="RATE_US_COUNTER" value="1" />\n` +
  `    <string name="STATIC_TOTP_CODES_LIST">${xmlEscape(JSON.stringify(list))}</string>\n` +
  `    <string name="DEFAULT_ENCRYPTION_KEY">pw</string>\n</map>\n`;

const entry = (issuer: string, name: string, extra: Record<string, unknown>) => ({
  accountHeaderLabel: '',
  base: 16,
  digits: '8',
  period: '60',
  issuer,
  key: '48656C6C6F21DEADBEEF',
  name,
  isFavorite: false,
  ...extra,
});

const OWN = [
  entry('Mail', 'ann', {}),
  entry('Bank', 'bob', { base: 32, key: 'jbswy3dpehpk3pxp' }),
  entry('Shop', 'cat', { base: 64, key: 'SGVsbG8h3q2+7w==' }),
  entry('Odd', 'dan', { base: 8, key: '777' }),
  entry('Typo', 'eve', { key: 'XYZ' }),
  'not an entry',
];

const OWN_ACCOUNTS = [
  asAccount({ type: 'totp', issuer: 'Mail', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({ type: 'totp', issuer: 'Bank', name: 'bob', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({ type: 'totp', issuer: 'Shop', name: 'cat', secret: 'JBSWY3DPEHPK3PXP' }),
];

const OWN_SKIPPED = [
  { name: 'Odd (dan)', reason: 'bad-secret' },
  { name: 'Typo (eve)', reason: 'bad-secret' },
  { name: '', reason: 'bad-entry' },
];

describeSharedSamples({
  tag: 'totp-authenticator',
  title: 'TOTP Authenticator samples from ../shared/fixtures/importers',
  importer,
  ours: 'aegis-samples/totp_authenticator',
  files: ['aegis-samples/totp_authenticator.bin', 'aegis-samples/totp_authenticator_internal.xml'],
  wrongPasswords: ['Testtest2'],
  mutations: 150,
});

describe('TOTP Authenticator files made here', () => {
  it('reads the app’s shared_prefs list: hex, base32 and base64 keys, as TOTP SHA1/6/30', async () => {
    const file = input(prefs(OWN));
    expect(importer.detect(file)).toBe('plain');
    const result = await importer.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(result.skipped.map(({ name, reason }) => ({ name, reason }))).toEqual(OWN_SKIPPED);
  });

  it('decrypts a backup, wrapped in lines or not, and refuses another password', async () => {
    for (const wrap of [false, true]) {
      const file = input(await sealBackup(OWN, 'pässwörd', wrap));
      expect(importer.detect(file)).toBe('encrypted');
      expect(comparable((await importer.read(file, 'pässwörd')).accounts)).toEqual(comparable(OWN_ACCOUNTS));
      expect(await readError(importer.read(file, 'password'))).toBe('import-wrong-password');
    }
  });

  it('opens a backup made without a password, whatever password is given', async () => {
    const file = input(await sealBackup(OWN, 'TotpAuthenticator'));
    expect((await importer.read(file, 'anything')).accounts).toHaveLength(OWN_ACCOUNTS.length);
  });

  it('names damaged and empty files', async () => {
    expect(await readError(importer.read(input(await sealBackup('not a list', 'pw')), 'pw'))).toBe(
      'import-damaged',
    );
    const odd = await importer.read(
      input(await sealBackup([42, 'entries that are not objects'], 'pw')),
      'pw',
    );
    expect(odd.skipped.map((s) => s.reason)).toEqual(['bad-entry', 'bad-entry']);
    const broken = prefs(OWN).replace('&quot;Mail', '&quot;Ma&quot;il');
    expect(await readError(importer.read(input(broken)))).toBe('import-damaged');
    expect(await readError(importer.read(input(prefs([]))))).toBe('import-empty');
  });

  it('detects by content only', () => {
    // A long base32 key is base64 too, but never lower case or + and /.
    expect(importer.detect(input('JBSWY3DPEHPK3PXP'.repeat(8)))).toBe(false);
    expect(importer.detect(input('a'.repeat(136)))).toBe(false); // 102 bytes: not whole AES blocks
    expect(importer.detect(input('<map><string name="OTHER">[]</string></map>'))).toBe(false);
    expect(importer.detect(input('otpauth://totp/a?secret=JBSWY3DP'))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    for (const bytes of mutatedCopies(utf8(prefs(OWN)), 200, 11)) {
      expect(await outcome(importer, bytes)).toMatch(/^(result|import-)/);
    }
    for (const bytes of mutatedCopies(utf8(await sealBackup(OWN, 'pw')), 100, 12)) {
      expect(await outcome(importer, bytes, 'pw')).toMatch(/^(result|import-)/);
    }
  });
});
