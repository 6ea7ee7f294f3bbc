import { scrypt } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { randomBytes, utf8 } from '../../crypto/bytes.ts';
import { toBase64 } from '../base64.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { aegisImporter } from './aegis.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

const input = (text: string) => importInput(utf8(text));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

/** Test-only encoder: AES-256-GCM with the tag kept apart, as Aegis writes it. */
async function gcmSeal(key: Uint8Array, plain: Uint8Array) {
  const nonce = randomBytes(12);
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  const out = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, k, new Uint8Array(plain)),
  );
  return { data: out.slice(0, -16), params: { nonce: hex(nonce), tag: hex(out.slice(-16)) } };
}

/** An encrypted Aegis export of `db`, with cheap scrypt so the test is quick. */
async function sealVault(db: unknown, password: string, cost = { n: 1024, r: 8, p: 1 }) {
  const master = randomBytes(32);
  const salt = randomBytes(32);
  const kek = await scrypt({
    password: utf8(password),
    salt,
    costFactor: cost.n,
    blockSize: cost.r,
    parallelism: cost.p,
    hashLength: 32,
    outputType: 'binary',
  });
  const slotKey = await gcmSeal(kek, master);
  const vault = await gcmSeal(master, utf8(JSON.stringify(db)));
  return JSON.stringify({
    version: 1,
    header: {
      slots: [
        { type: 2, uuid: 'biometric', key: hex(randomBytes(32)), key_params: slotKey.params },
        {
          type: 1,
          uuid: 'password',
          key: hex(slotKey.data),
          key_params: slotKey.params,
          ...cost,
          salt: hex(salt),
          repaired: true,
          is_backup: false,
        },
      ],
      params: vault.params,
    },
    db: toBase64(vault.data),
  });
}

const info = (extra: Record<string, unknown>) => ({
  secret: 'JBSWY3DPEHPK3PXP',
  algo: 'SHA1',
  digits: 6,
  ...extra,
});

const ANN = { type: 'totp', name: 'ann', issuer: 'Mail', note: 'work phone', info: info({ period: 30 }) };

const OWN_DB = {
  version: 3,
  entries: [
    ANN,
    { type: 'hotp', name: 'bob', issuer: 'Bank', info: info({ algo: 'SHA256', digits: 8, counter: 7 }) },
    { type: 'steam', name: 'cat', issuer: 'Steam', info: info({ digits: 5, period: 30 }) },
    { type: 'totp', name: 'md5', issuer: 'Old', info: info({ algo: 'MD5', period: 30 }) },
    { type: 'yandex', name: 'dan', issuer: 'Yandex', info: info({ pin: '1234', digits: 8 }) },
    { type: 'motp', name: 'eve', issuer: 'mOTP', info: info({ algo: 'MD5', pin: '1234', period: 10 }) },
    { type: 'totp', name: 'fay', issuer: 'Odd', info: info({ algo: 'SHA3', period: 30 }) },
    { type: 'totp', name: 'gus', issuer: 'Typo', info: info({ secret: 'not base32!', period: 30 }) },
    { type: 'totp', name: 'hal', issuer: 'Long', info: info({ digits: 12, period: 30 }) },
    'not an entry',
  ],
  groups: [{ uuid: 'g', name: 'Work' }],
};

const OWN_ACCOUNTS = [
  { type: 'totp', issuer: 'Mail', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' },
  {
    type: 'hotp',
    issuer: 'Bank',
    name: 'bob',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA256',
    digits: 8,
    counter: 7,
  },
  { type: 'steam', issuer: 'Steam', name: 'cat', secret: 'JBSWY3DPEHPK3PXP' },
  { type: 'totp', issuer: 'Old', name: 'md5', secret: 'JBSWY3DPEHPK3PXP' },
] as const;

const OWN_SKIPPED = [
  { name: 'Yandex (dan)', reason: 'unsupported-type' },
  { name: 'mOTP (eve)', reason: 'unsupported-type' },
  { name: 'Odd (fay)', reason: 'unsupported-algorithm' },
  { name: 'Typo (gus)', reason: 'bad-secret' },
  { name: 'Long (hal)', reason: 'bad-parameters' },
  { name: '', reason: 'bad-entry' },
];

const plainFile = (db: unknown, version = 1) =>
  JSON.stringify({ version, header: { slots: null, params: null }, db });

describeSharedSamples({
  tag: 'aegis',
  title: 'Aegis samples from ../shared/fixtures/importers',
  importer: aegisImporter,
  ours: 'aegis-samples/aegis_',
  files: ['aegis-samples/aegis_encrypted.json', 'aegis-samples/aegis_plain.json'],
  // Not in EXPECTED.json's list: its note says "same 7 entries as aegis_plain.json".
  alike: [
    { file: 'aegis-samples-vault/aegis_plain_grouped_v2.json', like: 'aegis-samples/aegis_plain.json' },
  ],
  wrongPasswords: ['tset'],
  mutations: { plain: 120, encrypted: 16 },
});

describe('Aegis files made here', () => {
  const expected = OWN_ACCOUNTS.map((a) => asAccount(a as Parameters<typeof asAccount>[0]));

  it('reads a plain vault: types, notes, MD5 as Aegis reads it, and skips what it cannot use', async () => {
    const file = input(plainFile(OWN_DB));
    expect(aegisImporter.detect(file)).toBe('plain');
    const result = await aegisImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(expected));
    expect(result.accounts.find((a) => a.label === 'ann')?.notes).toBe('work phone');
    expect(result.accounts.find((a) => a.label === 'bob')?.notes).toBeUndefined();
    expect(result.skipped.map(({ name, reason }) => ({ name, reason }))).toEqual(OWN_SKIPPED);
  });

  it('reads db versions 1 and 2 (a group name per entry) alike', async () => {
    for (const version of [1, 2]) {
      const db = { version, entries: [{ ...ANN, group: 'Work' }] };
      const result = await aegisImporter.read(input(plainFile(db)));
      expect(result.accounts.map((a) => a.label)).toEqual(['ann']);
    }
  });

  it('decrypts an encrypted vault with the password, and refuses another', async () => {
    const text = await sealVault(OWN_DB, 'pässwörd');
    expect(aegisImporter.detect(input(text))).toBe('encrypted');
    const result = await aegisImporter.read(input(text), 'pässwörd');
    expect(comparable(result.accounts)).toEqual(comparable(expected));
    expect(result.skipped).toHaveLength(OWN_SKIPPED.length);
    expect(await readError(aegisImporter.read(input(text), 'password'))).toBe('import-wrong-password');
    expect(await readError(aegisImporter.read(input(text)))).toBe('import-wrong-password');
  });

  it('calls a changed vault damaged once the password opened its slot', async () => {
    const file = JSON.parse(await sealVault(OWN_DB, 'pw'));
    const db = file.db as string;
    file.db = (db[0] === 'A' ? 'B' : 'A') + db.slice(1);
    expect(await readError(aegisImporter.read(input(JSON.stringify(file)), 'pw'))).toBe('import-damaged');
  });

  it('does not run scrypt beyond its caps', async () => {
    const file = JSON.parse(await sealVault(OWN_DB, 'pw'));
    file.header.slots[1].n = 2 ** 22;
    // Refused before deriving: run, it would have said wrong password (or run out of memory).
    expect(await readError(aegisImporter.read(input(JSON.stringify(file)), 'pw'))).toBe(
      'import-unsupported-version',
    );
    file.header.slots[1].n = 1000; // not a power of two: not a slot scrypt can use
    expect(await readError(aegisImporter.read(input(JSON.stringify(file)), 'pw'))).toBe('import-damaged');
  });

  it('names newer versions and empty vaults', async () => {
    expect(await readError(aegisImporter.read(input(plainFile(OWN_DB, 2))))).toBe(
      'import-unsupported-version',
    );
    expect(await readError(aegisImporter.read(input(plainFile({ ...OWN_DB, version: 4 }))))).toBe(
      'import-unsupported-version',
    );
    expect(await readError(aegisImporter.read(input(plainFile({ version: 3, entries: [] }))))).toBe(
      'import-empty',
    );
    expect(await readError(aegisImporter.read(input(plainFile({ version: 3 }))))).toBe('import-damaged');
    expect(await readError(aegisImporter.read(input('{"version":1,"header":{},"db":')))).toBe(
      'import-damaged',
    );
  });

  it('detects by content only', () => {
    expect(aegisImporter.detect(input('{"db":{},"version":1}'))).toBe(false);
    expect(aegisImporter.detect(input('[]'))).toBe(false);
    expect(aegisImporter.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    const text = plainFile(OWN_DB);
    for (const bytes of mutatedCopies(utf8(text), 300, 7)) {
      expect(await outcome(aegisImporter, bytes)).toMatch(/^(result|import-)/);
    }
  });
});
