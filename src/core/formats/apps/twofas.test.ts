import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { randomBytes, utf8 } from '../../crypto/bytes.ts';
import { toBase64 } from '../base64.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';
import { twofasImporter } from './twofas.ts';

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

/** Test-only encoder: "b64(ciphertext+tag):b64(salt):b64(iv)" as 2FAS writes it. */
async function seal(plain: string, password: string, salt: Uint8Array) {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations: 10_000 },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const iv = randomBytes(12);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, utf8(plain)));
  return `${toBase64(data)}:${toBase64(salt)}:${toBase64(iv)}`;
}

async function sealBackup(services: unknown[], password: string, schemaVersion = 4) {
  const salt = randomBytes(256);
  return JSON.stringify({
    services: [],
    groups: [],
    schemaVersion,
    appOrigin: 'android',
    servicesEncrypted: await seal(JSON.stringify(services), password, salt),
    reference: await seal('a fixed text 2FAS checks the password with', password, salt),
  });
}

const service = (name: string, otp: Record<string, unknown>) => ({
  name,
  secret: 'jbsw y3dp ehpk 3pxp',
  updatedAt: 1,
  otp: { account: 'ann', issuer: name, digits: 6, period: 30, algorithm: 'SHA1', source: 'Manual', ...otp },
  order: { position: 0 },
  icon: { selected: 'Label' },
});

const OWN_SERVICES = [
  service('Mail', { tokenType: 'TOTP' }),
  service('Bank', { tokenType: 'HOTP', counter: 4, algorithm: 'SHA256', digits: 7, period: undefined }),
  service('Steam', { tokenType: 'STEAM', digits: 5 }),
  service('Old', { algorithm: 'MD5' }),
  service('Odd', { tokenType: 'YANDEX' }),
  service('Wide', { digits: 10 }),
  { ...service('', {}), name: '', otp: { label: 'Shop:eve', issuer: 'Shop' } },
  null,
];

const OWN_ACCOUNTS = [
  asAccount({ type: 'totp', issuer: 'Mail', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({
    type: 'hotp',
    issuer: 'Bank',
    name: 'ann',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA256',
    digits: 7,
    counter: 4,
  }),
  asAccount({ type: 'steam', issuer: 'Steam', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({ type: 'totp', issuer: 'Shop', name: 'eve', secret: 'JBSWY3DPEHPK3PXP' }),
];

const OWN_SKIPPED = [
  { name: 'Old (ann)', reason: 'unsupported-algorithm' },
  { name: 'Odd (ann)', reason: 'unsupported-type' },
  { name: 'Wide (ann)', reason: 'bad-parameters' },
  { name: '', reason: 'bad-entry' },
];

describeSharedSamples({
  tag: '2fas',
  title: '2FAS samples from ../shared/fixtures/importers',
  importer: twofasImporter,
  ours: 'aegis-samples/2fas_',
  files: [
    'aegis-samples/2fas_authenticator.json',
    'aegis-samples/2fas_authenticator_encrypted.2fas',
    'aegis-samples/2fas_authenticator_encrypted_v3.2fas',
    'aegis-samples/2fas_authenticator_encrypted_v4.2fas',
    'aegis-samples/2fas_authenticator_plain.2fas',
    'aegis-samples/2fas_authenticator_plain_v3.2fas',
    'aegis-samples/2fas_authenticator_plain_v4.2fas',
  ],
  wrongPasswords: ['tset'],
  mutations: { plain: 100, encrypted: 40 },
});

describe('2FAS files made here', () => {
  const plain = JSON.stringify({
    services: OWN_SERVICES,
    groups: [],
    schemaVersion: 4,
    appOrigin: 'android',
  });

  it('reads a plain backup and skips what it cannot use', async () => {
    expect(twofasImporter.detect(input(plain))).toBe('plain');
    const result = await twofasImporter.read(input(plain));
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(result.skipped.map(({ name, reason }) => ({ name, reason }))).toEqual(OWN_SKIPPED);
  });

  it('reads schema 1, which has no OTP parameters, as TOTP SHA1/6/30', async () => {
    const v1 = {
      schemaVersion: 1,
      services: [{ name: 'Mail', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'ann' } }],
    };
    const result = await twofasImporter.read(input(JSON.stringify(v1)));
    expect(comparable(result.accounts)).toEqual(comparable([OWN_ACCOUNTS[0]!]));
  });

  it('decrypts with the password, and refuses another', async () => {
    const text = await sealBackup(OWN_SERVICES, 'pässwörd');
    expect(twofasImporter.detect(input(text))).toBe('encrypted');
    const result = await twofasImporter.read(input(text), 'pässwörd');
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(await readError(twofasImporter.read(input(text), 'password'))).toBe('import-wrong-password');
  });

  it('tells damage from a wrong password by the reference', async () => {
    const file = JSON.parse(await sealBackup(OWN_SERVICES, 'pw'));
    const [data, salt, iv] = (file.servicesEncrypted as string).split(':') as [string, string, string];
    file.servicesEncrypted = `${(data[0] === 'A' ? 'B' : 'A') + data.slice(1)}:${salt}:${iv}`;
    expect(await readError(twofasImporter.read(input(JSON.stringify(file)), 'pw'))).toBe('import-damaged');
    delete file.reference;
    expect(await readError(twofasImporter.read(input(JSON.stringify(file)), 'pw'))).toBe(
      'import-wrong-password',
    );
    file.servicesEncrypted = `${data}:${salt}`;
    expect(await readError(twofasImporter.read(input(JSON.stringify(file)), 'pw'))).toBe('import-damaged');
  });

  it('names newer schemas, empty and damaged backups', async () => {
    const backup = (extra: Record<string, unknown>) => input(JSON.stringify({ services: [], ...extra }));
    expect(await readError(twofasImporter.read(backup({ schemaVersion: 5 })))).toBe(
      'import-unsupported-version',
    );
    expect(await readError(twofasImporter.read(backup({ schemaVersion: 4 })))).toBe('import-empty');
    expect(await readError(twofasImporter.read(backup({ schemaVersion: '4' })))).toBe('import-damaged');
    const sealed = await sealBackup([{ not: 'a service' }], 'pw');
    expect((await twofasImporter.read(input(sealed), 'pw')).skipped).toHaveLength(1);
    expect(await readError(twofasImporter.read(input(plain.slice(0, 200))))).toBe('import-damaged');
  });

  it('detects by content only', () => {
    expect(twofasImporter.detect(input('{"services":[]}'))).toBe(false);
    expect(twofasImporter.detect(input('{"schemaVersion":4,"servicesEncrypted":"x:y:z"}'))).toBe('encrypted');
    expect(twofasImporter.detect(input('{"version":1,"header":{},"db":{}}'))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    for (const bytes of mutatedCopies(utf8(plain), 200, 9)) {
      expect(await outcome(twofasImporter, bytes)).toMatch(/^(result|import-)/);
    }
    for (const bytes of mutatedCopies(utf8(await sealBackup(OWN_SERVICES, 'pw')), 60, 10)) {
      expect(await outcome(twofasImporter, bytes, 'pw')).toMatch(/^(result|import-)/);
    }
  });
});
