import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { argon2id, createMD5 } from 'hash-wasm';
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import {
  asAccount,
  comparable,
  SAMPLES_DIR,
  type Sample,
  sampleBytes,
} from '../../../../tests/support/importer-samples.ts';
import type { OtpAccount } from '../../account.ts';
import { randomBytes, utf8 } from '../../crypto/bytes.ts';
import { toBase64 } from '../base64.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { authenticatorExtImporter as ext } from './authenticator-ext.ts';
import { otpauthListImporter } from './otpauth-list.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

type Json = Record<string, unknown>;
const input = (text: string) => importInput(utf8(text));
const b64 = (bytes: Uint8Array) => toBase64(bytes).replace(/=+$/, '');
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (value: string) => Secret.fromHex(value).base32;
const EDGE_CASES = 'authenticator-ext-samples/upstream-storage-edge-cases.json';

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

/** Test-only encoder: CryptoJS `AES.encrypt(text, passphrase)` (OpenSSL salted, EVP_BytesToKey MD5). */
async function cryptoJsSeal(plain: Uint8Array | string, passphrase: string): Promise<string> {
  const salt = randomBytes(8);
  const md5 = await createMD5();
  const derived = new Uint8Array(48);
  let block = new Uint8Array(0);
  for (let at = 0; at < 48; at += 16) {
    block = md5.init().update(block).update(utf8(passphrase)).update(salt).digest('binary').slice();
    derived.set(block, at);
  }
  const key = await crypto.subtle.importKey('raw', derived.slice(0, 32), 'AES-CBC', false, ['encrypt']);
  const data = typeof plain === 'string' ? utf8(plain) : new Uint8Array(plain);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: derived.slice(32) }, key, data),
  );
  return toBase64(new Uint8Array([...utf8('Salted__'), ...salt, ...sealed]));
}

/** Test-only: an Argon2id PHC string as argon2-browser writes it, cheap parameters unless asked. */
async function phc(text: string, m = 1024, t = 1): Promise<string> {
  const salt = randomBytes(16);
  const tag = await argon2id({
    password: utf8(text),
    salt,
    iterations: t,
    parallelism: 1,
    memorySize: m,
    hashLength: 32,
    outputType: 'binary',
  });
  return `$argon2id$v=19$m=${m},t=${t},p=1$${b64(salt)}$${b64(tag)}`;
}

/** A v8 encrypted backup: each record sealed whole under the Key's Argon2id passphrase. */
async function v8File(
  records: Json[],
  password: string,
  keyExtra: Json = {},
  keyId = '22222222-2222-4222-8222-222222222222',
): Promise<Json> {
  const salt = 'a1b2c3d4e5f60718';
  const raw = await argon2id({
    password: utf8(password),
    salt: utf8(salt),
    iterations: 2,
    parallelism: 1,
    memorySize: 19456,
    hashLength: 32,
    outputType: 'binary',
  });
  const passphrase = b64(raw);
  const file: Json = {};
  for (const [i, record] of records.entries()) {
    const id = `${keyId.slice(0, 4)}-entry-${i}`;
    const inner = { ...record, dataType: 'OTPStorage', encrypted: true, hash: id, keyId };
    file[id] = {
      dataType: 'EncOTPStorage',
      keyId,
      data: await cryptoJsSeal(JSON.stringify(inner), passphrase),
      index: record.index ?? i,
    };
  }
  file[keyId] = { dataType: 'Key', id: keyId, salt, hash: await phc(passphrase), version: 3, ...keyExtra };
  return file;
}

/** v7 and older: a random data key sealed with the password; only the secrets sealed with its hex. */
async function v2File(records: Json[], password: string, flat = false): Promise<Json> {
  const dataKey = randomBytes(120);
  const passphrase = hex(dataKey);
  const file: Json = {};
  for (const [i, record] of records.entries()) {
    file[`entry-${i}`] = {
      ...record,
      encrypted: true,
      secret: await cryptoJsSeal(String(record.secret), passphrase),
    };
  }
  const key = { enc: await cryptoJsSeal(dataKey, password), hash: await phc(passphrase, 16384, 1) };
  return flat ? { ...file, ...key } : { ...file, key };
}

/** The oldest layout: each secret sealed with the password itself. */
async function v1File(records: Json[], password: string): Promise<Json> {
  const file: Json = {};
  for (const [i, record] of records.entries()) {
    file[`entry-${i}`] = {
      ...record,
      encrypted: true,
      secret: await cryptoJsSeal(String(record.secret), password),
    };
  }
  return file;
}

const HEX_KEY = '2c52e8fcfac34091da63ef7b118f1cc50b925a42';

/** Upstream writes `index`; import follows it. */
const OWN_RECORDS: Json[] = [
  { type: 'totp', issuer: 'Mail', account: 'ann', secret: 'JBSWY3DPEHPK3PXP', index: 2 },
  {
    type: 'hotp',
    issuer: 'Bank',
    account: 'bob',
    secret: 'krug s4za nfzs ayja',
    counter: 7,
    digits: 8,
    algorithm: 'SHA512',
    index: 1,
  },
  { type: 'steam', issuer: 'Steam', account: 'cat', secret: 'MFRGGZDFMZTWQ2LK', digits: 6, index: 0 },
  { type: 'battle', issuer: 'Battle.net', account: 'US-1', secret: 'ONSWG4TFOQ======', index: 3 },
  { type: 'hex', account: 'dan', secret: HEX_KEY, period: 60, index: 4 },
  {
    type: 'totp',
    issuer: 'Gost',
    account: 'eve',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'GOST3411_2012_256',
    index: 5,
  },
  { type: 'totp', issuer: 'Old', account: 'fay', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'MD5', index: 6 },
  { type: 'yandex', issuer: 'Yandex', account: 'gus', secret: 'JBSWY3DPEHPK3PXP', index: 7 },
  { type: 'totp', issuer: 'Typo', account: 'hal', secret: 'not base32!', index: 8 },
  { type: 'totp', issuer: 'Long', account: 'ian', secret: 'JBSWY3DPEHPK3PXP', digits: 10, index: 9 },
];

const OWN_ACCOUNTS: OtpAccount[] = [
  asAccount({ type: 'steam', issuer: 'Steam', account: 'cat', secret: 'MFRGGZDFMZTWQ2LK' }),
  asAccount({
    type: 'hotp',
    issuer: 'Bank',
    account: 'bob',
    secret: 'KRUGS4ZANFZSAYJA',
    algorithm: 'SHA512',
    digits: 8,
    counter: 7,
  }),
  asAccount({ type: 'totp', issuer: 'Mail', account: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({ type: 'totp', issuer: 'Battle.net', account: 'US-1', secret: 'ONSWG4TFOQ', digits: 8 }),
  asAccount({ type: 'totp', account: 'dan', secret: fromHex(HEX_KEY), period: 60 }),
];

const OWN_SKIPPED = [
  { name: 'Gost (eve)', reason: 'unsupported-algorithm' },
  { name: 'Old (fay)', reason: 'unsupported-algorithm' },
  { name: 'Yandex (gus)', reason: 'unsupported-type' },
  { name: 'Typo (hal)', reason: 'bad-secret' },
  { name: 'Long (ian)', reason: 'bad-parameters' },
];

const reasons = (skipped: readonly { name: string; reason: string }[]) =>
  skipped.map(({ name, reason }) => ({ name, reason }));

/** The fixtures say "battle" (their own type); we make its codes as TOTP with 8 digits, as the extension does. */
const asOurs = (expected: readonly OtpAccount[]) =>
  expected.map((a) => ((a.type as string) === 'battle' ? { ...a, type: 'totp' as const } : a));

/**
 * upstream-storage-edge-cases.json transcribes the extension's (disabled) storage test: a list of
 * `{name, data}`, not a file the extension writes. Each `data` is a storage map; this is what each
 * one reads as, by the extension's own repair rules (prefixes, hex keys under type totp).
 */
const t = (label: string, secret: string, extra: Partial<Parameters<typeof asAccount>[0]> = {}) =>
  asAccount({ type: 'totp', issuer: '', account: label, secret, ...extra });
const EDGE_EXPECTED: Record<string, OtpAccount[]> = {
  'Missing fields': [t('', 'ABCD2345')],
  'Bad hash in key': [t('test', 'ABCD2345')],
  'Bad hash': [t('test', 'ABCD2345')],
  'Bad type for HEX': [t('test', fromHex('abcd1234'))],
  'Unicode in issuer': [t('test', 'ABCD2345', { issuer: '✓ à la mode' })],
  'Battle migrate': [t('test', 'ABCD2345', { digits: 8 })],
  'Steam migrate': [t('test', 'ABCD2345', { type: 'steam' })],
  'Missing field with HEX secret': [t('', fromHex('abcd1234'))],
  'Mess index': [t('test', 'ABCD2345'), t('test', 'ABCD2346')],
  'Base32 with padding': [t('test', 'DKCE3SQPHJRJQGBGI322QA7Z5E')],
  'Incorrect but valid hash': [t('test', 'ABCD2345')],
  'HOTP with HEX secret': [t('test', fromHex(HEX_KEY), { type: 'hotp' })],
  'Amazon 2FA': [t('test', 'QLGNXJ2KLSOACXOEKJ47X6VA6ZPGT5HE2GBO5NPXTLD7FJAKD4JQ')],
  'Secret contains spaces': [t('test', 'P5S7K2INZ3MJOQFG')],
};

describeSharedSamples({
  tag: 'authenticator-ext',
  title: 'Authenticator extension samples from ../shared/fixtures/importers',
  importer: ext,
  ours: (file) => file.startsWith('authenticator-ext-samples/') && file !== EDGE_CASES,
  files: [
    'authenticator-ext-samples/authenticator-cc-doc-example.txt',
    'authenticator-ext-samples/firefox-legacy-v1-encrypted.json',
    'authenticator-ext-samples/firefox-special-unencrypted.json',
    'authenticator-ext-samples/firefox-standard-unencrypted.txt',
    'authenticator-ext-samples/firefox-v7-v2-encrypted-root-key.json',
    'authenticator-ext-samples/firefox-v7-v2-encrypted.json',
    'authenticator-ext-samples/firefox-v8-encrypted.json',
  ],
  reads: (sample) => sample.file.endsWith('.json'),
  expected: (sample) => asOurs(sample.expected),
  wrongPasswords: ['fixture-passwort', undefined],
  mutations: { plain: 150, encrypted: 16 },
  more: (samples) => {
    const text = samples.filter((s) => s.file.endsWith('.txt'));

    it.each(text.map((s) => [s.file, s] as const))(
      '%s (its text backup) is read by the otpauth-list importer',
      async (_, sample: Sample) => {
        const file = importInput(sampleBytes(sample.file));
        // Nothing in a list of links says which app wrote it, so this importer leaves it to the general one.
        expect(ext.detect(file)).toBe(false);
        expect(otpauthListImporter.detect(file)).toBe('plain');
        const result = await otpauthListImporter.read(file);
        expect(comparable(result.accounts)).toEqual(comparable(sample.expected));
        expect(result.skipped).toEqual([]);
        console.info(
          `[authenticator-ext] ${sample.file}: ${result.accounts.length} of ${sample.expected.length} entries`,
        );
      },
    );

    it('reads every case of the upstream storage test as the extension would repair it', async () => {
      const cases = JSON.parse(readFileSync(join(SAMPLES_DIR!, EDGE_CASES), 'utf8')) as {
        name: string;
        data: Json;
      }[];
      // The transcription itself is a list of test inputs, not a backup.
      expect(ext.detect(importInput(sampleBytes(EDGE_CASES)))).toBe(false);
      expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(EDGE_EXPECTED).sort());
      let count = 0;
      for (const { name, data } of cases) {
        const file = input(JSON.stringify(data));
        expect(ext.detect(file), name).toBe('plain');
        const result = await ext.read(file);
        expect(comparable(result.accounts), name).toEqual(comparable(EDGE_EXPECTED[name]!));
        expect(result.skipped, name).toEqual([]);
        count += result.accounts.length;
      }
      console.info(`[authenticator-ext] ${EDGE_CASES}: ${cases.length} cases, ${count} entries, 0 skipped`);
    });
  },
});

describe('Authenticator extension files made here', () => {
  it('reads a plain backup: every type, in the extension’s order, skipping what it cannot use', async () => {
    const file = input(JSON.stringify(Object.fromEntries(OWN_RECORDS.map((r, i) => [`id-${i}`, r]))));
    expect(ext.detect(file)).toBe('plain');
    const result = await ext.read(file);
    expect(result.accounts.map((a) => a.label)).toEqual(['cat', 'bob', 'ann', 'US-1', 'dan']);
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(reasons(result.skipped)).toEqual(OWN_SKIPPED);
  });

  it('reads a plain v8 export of an install with a password (keyId and Key records, nothing sealed)', async () => {
    const records = Object.fromEntries(
      OWN_RECORDS.slice(0, 2).map((r, i) => [`id-${i}`, { ...r, keyId: 'k' }]),
    );
    const file = input(
      JSON.stringify({ ...records, k: { dataType: 'Key', id: 'k', salt: 'x', hash: 'y', version: 3 } }),
    );
    expect(ext.detect(file)).toBe('plain');
    expect((await ext.read(file)).accounts.map((a) => a.label)).toEqual(['bob', 'ann']);
  });

  it('opens a v8 backup with its password, and refuses another', async () => {
    const file = input(JSON.stringify(await v8File(OWN_RECORDS, 'pässwörd')));
    expect(ext.detect(file)).toBe('encrypted');
    const result = await ext.read(file, 'pässwörd');
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(reasons(result.skipped)).toEqual(OWN_SKIPPED);
    expect(await readError(ext.read(file, 'passwörd'))).toBe('import-wrong-password');
  });

  it('opens v7 backups (data key in "key", or flattened to the top), and refuses another password', async () => {
    for (const flat of [false, true]) {
      const file = input(JSON.stringify(await v2File(OWN_RECORDS, 'pw', flat)));
      expect(ext.detect(file)).toBe('encrypted');
      const result = await ext.read(file, 'pw');
      expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
      expect(reasons(result.skipped)).toEqual(OWN_SKIPPED);
      expect(await readError(ext.read(file, 'pv'))).toBe('import-wrong-password');
    }
  });

  it('opens a v1 backup (secrets sealed with the password), and refuses another password', async () => {
    const file = input(JSON.stringify(await v1File(OWN_RECORDS.slice(0, 5), 'pw')));
    expect(ext.detect(file)).toBe('encrypted');
    const result = await ext.read(file, 'pw');
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(await readError(ext.read(file, 'pv'))).toBe('import-wrong-password');
  });

  it('skips a v8 entry that is damaged or whose key is missing, and keeps the rest', async () => {
    const file = await v8File(OWN_RECORDS.slice(0, 3), 'pw');
    const damagedEntry = file['2222-entry-0'] as Json;
    const data = String(damagedEntry.data);
    // Past the salt: the last block's padding no longer checks out.
    damagedEntry.data = `${data.slice(0, -6)}${data.slice(-6, -5) === 'A' ? 'B' : 'A'}${data.slice(-5)}`;
    file.orphan = { ...(file['2222-entry-1'] as Json), keyId: 'not-in-the-file' };
    const result = await ext.read(input(JSON.stringify(file)), 'pw');
    expect(result.accounts.map((a) => a.label).sort()).toEqual(['bob', 'cat']);
    expect(result.skipped.map((s) => s.reason)).toEqual(['bad-entry', 'bad-entry']);
  });

  it('tries at most three keys, and skips the entries of any further one', async () => {
    const keyIds = ['1', '2', '3', '4'].map((n) => `${n.repeat(8)}-key`);
    const parts = await Promise.all(keyIds.map((id, i) => v8File([OWN_RECORDS[i]!], 'pw', {}, id)));
    const result = await ext.read(input(JSON.stringify(Object.assign({}, ...parts))), 'pw');
    expect(result.accounts.map((a) => a.label).sort()).toEqual(['ann', 'bob', 'cat']);
    expect(result.skipped).toEqual([
      { name: '', reason: 'bad-entry', detail: "The file has more than 3 keys; this entry's was not tried." },
    ]);
  });

  it('names damage, newer key versions and a password check that asks for too much work', async () => {
    const file = await v8File(OWN_RECORDS.slice(0, 1), 'pw');
    const keyId = '22222222-2222-4222-8222-222222222222';
    const withKey = (extra: Json) =>
      input(JSON.stringify({ ...file, [keyId]: { ...(file[keyId] as Json), ...extra } }));
    expect(await readError(ext.read(withKey({ version: 4 }), 'pw'))).toBe('import-unsupported-version');
    expect(await readError(ext.read(withKey({ version: undefined }), 'pw'))).toBe('import-damaged');
    expect(await readError(ext.read(withKey({ hash: 'not a hash' }), 'pw'))).toBe('import-damaged');
    const heavy = String((file[keyId] as Json).hash).replace('m=1024,t=1', 'm=4194304,t=64');
    // Refused before deriving: 4 GiB × 64 passes would freeze the page.
    expect(await readError(ext.read(withKey({ hash: heavy }), 'pw'))).toBe('import-damaged');
    expect(await readError(ext.read(withKey({ salt: 'short' }), 'pw'))).toBe('import-damaged');
    const text = JSON.stringify(file);
    expect(await readError(ext.read(input(text.slice(0, text.length / 2)), 'pw'))).toBe('import-damaged');
    expect(await readError(ext.read(input('{"a":{"secret":"JBSWY3DP"}'), 'pw'))).toBe('import-damaged');
  });

  it('detects by content only, and not other apps’ JSON', () => {
    for (const other of [
      '{}',
      '[]',
      '[{"secret":"JBSWY3DPEHPK3PXP"}]',
      '{"services":[],"schemaVersion":4}',
      '{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[]}}',
      '{"encrypted":false,"folders":[],"items":[]}',
      '{"encrypted":true,"passwordProtected":true,"salt":"x","data":"y"}',
      '{"format":"tweestap-backup","version":1}',
      '{"tokens":[{"secret":[1,2]}],"tokenOrder":[]}',
      '{"a":{"name":"x"}}',
      'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP',
    ]) {
      expect(ext.detect(input(other)), other).toBe(false);
    }
    expect(ext.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
    expect(ext.detect(input('\uFEFF{"x":{"secret":"JBSWY3DP"}}'))).toBe('plain');
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    const plain = JSON.stringify(Object.fromEntries(OWN_RECORDS.map((r, i) => [`id-${i}`, r])));
    for (const bytes of mutatedCopies(utf8(plain), 300, 7)) {
      expect(await outcome(ext, bytes)).toMatch(/^(result|import-)/);
    }
    const sealed = JSON.stringify(await v2File(OWN_RECORDS.slice(0, 2), 'pw'));
    for (const bytes of mutatedCopies(utf8(sealed), 40, 8)) {
      expect(await outcome(ext, bytes, 'pw')).toMatch(/^(result|import-)/);
    }
  });
});
