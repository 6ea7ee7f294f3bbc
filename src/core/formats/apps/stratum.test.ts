import { argon2id } from 'hash-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { randomBytes, utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';
import { stratumImporter } from './stratum.ts';

const input = (text: string) => importInput(utf8(text));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

/** Test-only encoder: Stratum's current sealed backup. */
async function sealCurrent(json: string, password: string): Promise<Uint8Array> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const raw = await argon2id({
    password: utf8(password),
    salt,
    iterations: 3,
    memorySize: 65536,
    parallelism: 4,
    hashLength: 32,
    outputType: 'binary',
  });
  const key = await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, utf8(json)));
  return concat(utf8('AUTHENTICATORPRO'), salt, iv, sealed);
}

/** Test-only encoder: Authenticator Pro's older sealed backup. */
async function sealLegacy(json: string, password: string): Promise<Uint8Array> {
  const salt = randomBytes(20);
  const iv = randomBytes(16);
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-1', salt, iterations: 64000 },
    base,
    { name: 'AES-CBC', length: 256 },
    false,
    ['encrypt'],
  );
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, utf8(json)));
  return concat(utf8('AuthenticatorPro'), salt, iv, sealed);
}

const entry = (extra: Record<string, unknown>) => ({
  Type: 2,
  Icon: null,
  Issuer: 'Mail',
  Username: 'ann',
  Secret: 'JBSWY3DPEHPK3PXP',
  Pin: null,
  Algorithm: 0,
  Digits: 6,
  Period: 30,
  Counter: 0,
  Ranking: 0,
  ...extra,
});

const OWN_BACKUP = {
  Authenticators: [
    entry({}),
    entry({ Type: 1, Issuer: 'Bank', Username: 'bob', Algorithm: 1, Digits: 8, Counter: 7, Period: 0 }),
    entry({ Type: 4, Issuer: 'Steam', Username: 'cat', Digits: 5 }),
    entry({ Issuer: 'Work', Username: null, Algorithm: 2, Digits: 7, Period: 60 }),
    entry({ Type: 3, Issuer: 'mOTP', Username: 'dan', Pin: '1234' }),
    entry({ Type: 5, Issuer: 'Yandex', Username: 'eve', Pin: '1234' }),
    entry({ Type: 9, Issuer: 'Odd', Username: 'fay' }),
    entry({ Issuer: 'Hash', Username: 'gus', Algorithm: 3 }),
    entry({ Issuer: 'Typo', Username: 'hal', Secret: 'not base32!' }),
    entry({ Issuer: 'Long', Username: 'ida', Digits: 12 }),
    'not an entry',
  ],
  Categories: [{ Id: 'c', Name: 'Work' }],
  AuthenticatorCategories: [],
  CustomIcons: [],
};

const OWN_ACCOUNTS = [
  asAccount({ type: 'totp', issuer: 'Mail', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({
    type: 'hotp',
    issuer: 'Bank',
    name: 'bob',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA256',
    digits: 8,
    counter: 7,
  }),
  asAccount({ type: 'steam', issuer: 'Steam', name: 'cat', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({
    type: 'totp',
    issuer: 'Work',
    name: '',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA512',
    digits: 7,
    period: 60,
  }),
];

const OWN_SKIPPED = [
  { name: 'mOTP (dan)', reason: 'unsupported-type' },
  { name: 'Yandex (eve)', reason: 'unsupported-type' },
  { name: 'Odd (fay)', reason: 'unsupported-type' },
  { name: 'Hash (gus)', reason: 'unsupported-algorithm' },
  { name: 'Typo (hal)', reason: 'bad-secret' },
  { name: 'Long (ida)', reason: 'bad-parameters' },
  { name: '', reason: 'bad-entry' },
];

const isStratum = (file: string) => file.startsWith('aegis-samples/stratum_') && !file.endsWith('.db');

describeSharedSamples({
  tag: 'stratum',
  // Its app database is one we name, not read.
  title: 'Stratum samples from ../shared/fixtures/importers',
  importer: stratumImporter,
  ours: isStratum,
  files: [
    'aegis-samples/stratum_encrypted.bin',
    'aegis-samples/stratum_encrypted_legacy.bin',
    'aegis-samples/stratum_plain.json',
  ],
  wrongPasswords: ['Test'],
  // Each sealed read runs the app's KDF (Argon2id at 64 MiB for the current format).
  mutations: (sample) => (sample.file.endsWith('encrypted.bin') ? 6 : sample.encrypted ? 30 : 200),
});

describe('Stratum files made here', () => {
  const json = JSON.stringify(OWN_BACKUP);
  let current: Uint8Array;
  let legacy: Uint8Array;
  beforeAll(async () => {
    current = await sealCurrent(json, 'pässwörd');
    legacy = await sealLegacy(json, 'pässwörd');
  });

  it('reads a plain backup and skips what it cannot use', async () => {
    const file = input(json);
    expect(stratumImporter.detect(file)).toBe('plain');
    const result = await stratumImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(result.skipped.map(({ name, reason }) => ({ name, reason }))).toEqual(OWN_SKIPPED);
  });

  it('opens both sealed formats with the password, and refuses another', async () => {
    for (const bytes of [current, legacy]) {
      const file = importInput(bytes);
      expect(stratumImporter.detect(file)).toBe('encrypted');
      const result = await stratumImporter.read(file, 'pässwörd');
      expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
      expect(result.skipped).toHaveLength(OWN_SKIPPED.length);
      expect(await readError(stratumImporter.read(file, 'password'))).toBe('import-wrong-password');
      expect(await readError(stratumImporter.read(file))).toBe('import-wrong-password');
    }
  });

  it('calls cut-off sealed files damaged before deriving a key', async () => {
    for (const bytes of [
      current.slice(0, 16 + 16 + 12 + 15),
      legacy.slice(0, 16 + 20 + 16 + 8),
      legacy.slice(0, -1),
    ]) {
      expect(await readError(stratumImporter.read(importInput(bytes), 'pässwörd'))).toBe('import-damaged');
    }
  });

  it('calls a sealed backup that opens to something else damaged', async () => {
    const file = importInput(await sealCurrent('{"Authenticators": 3}', 'pw'));
    expect(await readError(stratumImporter.read(file, 'pw'))).toBe('import-damaged');
    const notJson = importInput(await sealCurrent('hello', 'pw'));
    expect(await readError(stratumImporter.read(notJson, 'pw'))).toBe('import-damaged');
  });

  it('names damaged and empty plain backups', async () => {
    expect(await readError(stratumImporter.read(input(json.slice(0, -1))))).toBe('import-damaged');
    expect(await readError(stratumImporter.read(input('{"Authenticators":[]}')))).toBe('import-empty');
  });

  it('detects by content only', () => {
    expect(stratumImporter.detect(input('{"authenticators":[]}'))).toBe(false);
    expect(stratumImporter.detect(input('{"Authenticators":{}}'))).toBe(false);
    expect(stratumImporter.detect(input('AUTHENTICATOR'))).toBe(false);
    expect(stratumImporter.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    for (const bytes of mutatedCopies(utf8(json), 300, 7)) {
      expect(await outcome(stratumImporter, bytes)).toMatch(/^(result|import-)/);
    }
    for (const bytes of mutatedCopies(legacy, 30, 7)) {
      expect(await outcome(stratumImporter, bytes, 'pässwörd')).toMatch(/^(result|import-)/);
    }
  });
});
