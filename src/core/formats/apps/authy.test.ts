import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { toBase64 } from '../base64.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { authyImporter } from './authy.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

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

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A SharedPreferences file as Android writes it, with `tokens` under Authy's key. */
function prefsFile(tokens: unknown, key = 'com.authy.storage.tokens.authenticator.key'): string {
  return [
    "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>",
    '<map>',
    '    <int name="key_version" value="121" />',
    `    <string name="${key}">${escapeXml(JSON.stringify(tokens))}</string>`,
    '</map>',
    '',
  ].join('\n');
}

/** Test-only encoder: Authy's per-token seal. */
async function seal(secret: string, password: string, salt: string): Promise<string> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-1', salt: utf8(salt), iterations: 1000 },
    base,
    { name: 'AES-CBC', length: 256 },
    false,
    ['encrypt'],
  );
  const out = await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, utf8(secret));
  return toBase64(new Uint8Array(out));
}

const qrToken = (extra: Record<string, unknown>) => ({
  accountType: 'authenticator',
  digits: 6,
  logo: 'x',
  timestamp: 1608374963,
  upload_state: 'notUploaded',
  hidden: false,
  isNew: false,
  ...extra,
});

const OWN_TOKENS = [
  qrToken({
    decryptedSecret: 'JBSWY3DPEHPK3PXP',
    originalIssuer: 'Mail',
    originalName: 'Mail:ann',
    name: 'Mail: ann',
  }),
  qrToken({ decryptedSecret: 'jbsw y3dp ehpk 3pxp', originalName: 'Bank:bob', name: 'Bank:bob', digits: 8 }),
  qrToken({ decryptedSecret: 'GEZDGNBVGY3TQOJQ', originalName: 'cat', name: 'Shop - cat', digits: 7 }),
  qrToken({ decryptedSecret: 'MFRGGZDFMZTWQ2LK', accountType: 'github', name: 'dan' }),
  // A native Authy token: hex seed, the service as its name.
  { secretSeed: '48656c6c6f21deadbeef', digits: 7, name: 'Twitch', accountType: 'authy' },
  qrToken({ decryptedSecret: 'not base32!', originalIssuer: 'Typo', name: 'Typo: eve' }),
  qrToken({ decryptedSecret: 'JBSWY3DPEHPK3PXP', originalIssuer: 'Long', name: 'Long: fay', digits: 12 }),
  { secretSeed: 'xyz', name: 'Broken' },
  'not a token',
];

const OWN_ACCOUNTS = [
  asAccount({ type: 'totp', issuer: 'Mail', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({ type: 'totp', issuer: 'Bank', name: 'bob', secret: 'JBSWY3DPEHPK3PXP', digits: 8 }),
  asAccount({ type: 'totp', issuer: 'Shop', name: 'cat', secret: 'GEZDGNBVGY3TQOJQ', digits: 7 }),
  asAccount({ type: 'totp', issuer: 'Github', name: 'dan', secret: 'MFRGGZDFMZTWQ2LK' }),
  asAccount({ type: 'totp', issuer: 'Twitch', name: '', secret: 'JBSWY3DPEHPK3PXP', digits: 7, period: 10 }),
];

const OWN_SKIPPED = [
  { name: 'Typo (eve)', reason: 'bad-secret' },
  { name: 'Long (fay)', reason: 'bad-parameters' },
  { name: 'Broken', reason: 'bad-secret' },
  { name: '', reason: 'bad-entry' },
];

describeSharedSamples({
  tag: 'authy',
  title: 'Authy samples from ../shared/fixtures/importers',
  importer: authyImporter,
  ours: 'aegis-samples/authy_',
  files: ['aegis-samples/authy_encrypted.xml', 'aegis-samples/authy_plain.xml'],
  wrongPasswords: ['testtesT'],
  mutations: { plain: 150, encrypted: 40 },
});

describe('Authy files made here', () => {
  it('reads plain tokens: the name rules, native tokens, and skips what it cannot use', async () => {
    const file = input(prefsFile(OWN_TOKENS));
    expect(authyImporter.detect(file)).toBe('plain');
    const result = await authyImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(result.skipped.map(({ name, reason }) => ({ name, reason }))).toEqual(OWN_SKIPPED);
  });

  it('reads the native tokens file under its own key', async () => {
    const file = input(prefsFile([OWN_TOKENS[4]], 'com.authy.storage.tokens.authy.key'));
    expect(authyImporter.detect(file)).toBe('plain');
    const result = await authyImporter.read(file);
    expect(result.accounts.map((a) => [a.issuer, a.period, a.digits])).toEqual([['Twitch', 10, 7]]);
  });

  it('opens sealed tokens with the password, and refuses another', async () => {
    const tokens = [
      qrToken({
        encryptedSecret: await seal('JBSWY3DPEHPK3PXP', 'pässwörd', 'salt-one'),
        salt: 'salt-one',
        originalIssuer: 'Mail',
        name: 'Mail: ann',
      }),
      qrToken({
        encryptedSecret: await seal('GEZDGNBVGY3TQOJQ', 'pässwörd', 'salt-two'),
        salt: 'salt-two',
        originalIssuer: 'Shop',
        name: 'Shop: cat',
        digits: 8,
      }),
    ];
    const file = input(prefsFile(tokens));
    expect(authyImporter.detect(file)).toBe('encrypted');
    const result = await authyImporter.read(file, 'pässwörd');
    expect(comparable(result.accounts)).toEqual(
      comparable([
        asAccount({ type: 'totp', issuer: 'Mail', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
        asAccount({ type: 'totp', issuer: 'Shop', name: 'cat', secret: 'GEZDGNBVGY3TQOJQ', digits: 8 }),
      ]),
    );
    expect(await readError(authyImporter.read(file, 'password'))).toBe('import-wrong-password');
    expect(await readError(authyImporter.read(file))).toBe('import-wrong-password');
  });

  it('skips one damaged sealed token when the others open', async () => {
    const good = await seal('JBSWY3DPEHPK3PXP', 'pw', 's1');
    const other = await seal('GEZDGNBVGY3TQOJQ', 'pw', 's2');
    const tokens = [
      qrToken({ encryptedSecret: good, salt: 's1', originalIssuer: 'Mail', name: 'Mail: ann' }),
      // Sealed under another salt than it says: opens to garbage or not at all.
      qrToken({ encryptedSecret: other, salt: 's3', originalIssuer: 'Shop', name: 'Shop: cat' }),
      qrToken({ encryptedSecret: 'AAAA', salt: 's4', originalIssuer: 'Cut', name: 'Cut: dan' }),
    ];
    const result = await authyImporter.read(input(prefsFile(tokens)), 'pw');
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Mail']);
    expect(result.skipped.map(({ name, reason }) => ({ name, reason }))).toEqual([
      { name: 'Shop (cat)', reason: 'bad-secret' },
      { name: 'Cut (dan)', reason: 'bad-secret' },
    ]);
  });

  it('stops deriving keys early for a wrong password, however many tokens', async () => {
    const sealed = await seal('JBSWY3DPEHPK3PXP', 'pw', 's');
    const tokens = Array.from({ length: 2000 }, (_, i) =>
      qrToken({ encryptedSecret: sealed, salt: `s${i}`, originalIssuer: 'X', name: `X: ${i}` }),
    );
    expect(await readError(authyImporter.read(input(prefsFile(tokens)), 'wrong'))).toBe(
      'import-wrong-password',
    );
  });

  it('calls a broken list damaged and an empty one empty', async () => {
    const broken = prefsFile(OWN_TOKENS).replace('[', '{');
    expect(await readError(authyImporter.read(input(broken)))).toBe('import-damaged');
    expect(await readError(authyImporter.read(input(prefsFile({ tokens: [] }))))).toBe('import-damaged');
    expect(await readError(authyImporter.read(input(prefsFile([]))))).toBe('import-empty');
  });

  it('detects by content only', () => {
    expect(authyImporter.detect(input('<map><string name="other">[]</string></map>'))).toBe(false);
    expect(authyImporter.detect(input('{"com.authy.storage.tokens.authenticator.key":[]}'))).toBe(false);
    expect(authyImporter.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    for (const bytes of mutatedCopies(utf8(prefsFile(OWN_TOKENS)), 300, 7)) {
      expect(await outcome(authyImporter, bytes)).toMatch(/^(result|import-)/);
    }
  });
});
