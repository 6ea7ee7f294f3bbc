import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { mulberry32 } from '../../../../tests/support/prng.ts';
import { randomBytes, utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { andotpImporter } from './andotp.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

async function gcm(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array) {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(nonce) }, k, new Uint8Array(plain)),
  );
}

/** Test-only encoders for andOTP's two sealed layouts. */
async function sealNew(plain: string, password: string, iterations = 1_000) {
  const salt = randomBytes(12);
  const nonce = randomBytes(12);
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const key = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations }, base, 256),
  );
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, iterations);
  return concat(count, salt, nonce, await gcm(key, nonce, utf8(plain)));
}

async function sealOld(plain: string, password: string, nonce = randomBytes(12)) {
  const key = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(password)));
  return concat(nonce, await gcm(key, nonce, utf8(plain)));
}

const entry = (extra: Record<string, unknown>) => ({
  secret: 'JBSWY3DPEHPK3PXP====',
  issuer: 'Mail',
  label: 'ann',
  digits: 6,
  type: 'TOTP',
  algorithm: 'SHA1',
  thumbnail: 'Default',
  last_used: 0,
  tags: [],
  period: 30,
  ...extra,
});

const OWN = JSON.stringify([
  entry({}),
  entry({
    issuer: 'Bank',
    label: 'bob',
    type: 'HOTP',
    algorithm: 'SHA512',
    digits: 8,
    counter: 3,
    period: undefined,
  }),
  entry({ issuer: 'Steam', label: 'cat', type: 'STEAM', digits: 5, period: undefined }),
  entry({ issuer: 'Old', label: 'md5', algorithm: 'MD5' }),
  entry({ issuer: 'Odd', label: 'dan', type: 'MOTP' }),
  entry({ issuer: 'Slow', label: 'eve', period: 'thirty' }),
  42,
]);

const OWN_ACCOUNTS = [
  asAccount({ type: 'totp', issuer: 'Mail', name: 'ann', secret: 'JBSWY3DPEHPK3PXP' }),
  asAccount({
    type: 'hotp',
    issuer: 'Bank',
    name: 'bob',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA512',
    digits: 8,
    counter: 3,
  }),
  asAccount({ type: 'steam', issuer: 'Steam', name: 'cat', secret: 'JBSWY3DPEHPK3PXP' }),
];

const OWN_SKIPPED = [
  { name: 'Old (md5)', reason: 'unsupported-algorithm' },
  { name: 'Odd (dan)', reason: 'unsupported-type' },
  { name: 'Slow (eve)', reason: 'bad-parameters' },
  { name: '', reason: 'bad-entry' },
];

describeSharedSamples({
  tag: 'andotp',
  title: 'andOTP samples from ../shared/fixtures/importers',
  importer: andotpImporter,
  ours: 'aegis-samples/andotp_',
  files: [
    'aegis-samples/andotp_encrypted.bin',
    'aegis-samples/andotp_encrypted_old.bin',
    'aegis-samples/andotp_plain.json',
  ],
  wrongPasswords: ['tset'],
  mutations: { plain: 150, encrypted: 40 },
});

describe('andOTP files made here', () => {
  it('reads a plain backup and skips what it cannot use', async () => {
    const file = importInput(utf8(OWN));
    expect(andotpImporter.detect(file)).toBe('plain');
    const result = await andotpImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(result.skipped.map(({ name, reason }) => ({ name, reason }))).toEqual(OWN_SKIPPED);
  });

  it('reads both sealed layouts with one password, and refuses another', async () => {
    for (const sealed of [await sealNew(OWN, 'pässwörd'), await sealOld(OWN, 'pässwörd')]) {
      const file = importInput(sealed);
      expect(andotpImporter.detect(file)).toBe('encrypted');
      const result = await andotpImporter.read(file, 'pässwörd');
      expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
      expect(await readError(andotpImporter.read(file, 'password'))).toBe('import-wrong-password');
    }
  });

  it('splits an old label "Issuer - name" once, keeping the rest of the name', async () => {
    const old = JSON.stringify([
      {
        secret: 'JBSWY3DPEHPK3PXP',
        label: 'Mail - ann - home',
        digits: 6,
        type: 'TOTP',
        algorithm: 'SHA1',
        period: 30,
      },
      {
        secret: 'JBSWY3DPEHPK3PXQ',
        label: 'just a name',
        digits: 6,
        type: 'TOTP',
        algorithm: 'SHA1',
        period: 30,
      },
    ]);
    const result = await andotpImporter.read(importInput(await sealOld(old, 'pw')), 'pw');
    expect(result.accounts.map(({ issuer, label }) => ({ issuer, label }))).toEqual([
      { issuer: 'Mail', label: 'ann - home' },
      { issuer: '', label: 'just a name' },
    ]);
  });

  it('opens an old backup whose nonce reads like a count, over the cap or under it', async () => {
    // 2^31-1 and 10,000,000 are over the cap (no PBKDF2 is run); 100,000 is tried as new first.
    for (const start of [
      [0x7f, 0xff, 0xff, 0xff],
      [0x00, 0x98, 0x96, 0x80],
      [0x00, 0x01, 0x86, 0xa0],
    ]) {
      const nonce = randomBytes(12);
      nonce.set(start);
      const file = importInput(await sealOld(OWN, 'pw', nonce));
      expect(andotpImporter.detect(file)).toBe('encrypted');
      expect((await andotpImporter.read(file, 'pw')).accounts).toHaveLength(OWN_ACCOUNTS.length);
    }
  });

  it('calls a sealed file that opens to something else damaged', async () => {
    const file = importInput(await sealNew('{"not":"a list"}', 'pw'));
    expect(await readError(andotpImporter.read(file, 'pw'))).toBe('import-damaged');
    expect(await readError(andotpImporter.read(importInput(utf8(OWN.slice(0, 100)))))).toBe('import-damaged');
    expect(await readError(andotpImporter.read(importInput(utf8('[]'))))).toBe('import-empty');
  });

  it('detects only what can be andOTP', () => {
    const random = mulberry32(5);
    const noise = Uint8Array.from({ length: 600 }, () => Math.floor(random() * 256));
    // The old layout is random bytes: those are taken for it (see the comment in andotp.ts).
    expect(andotpImporter.detect(importInput(noise))).toBe('encrypted');
    const zip = noise.slice();
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    expect(andotpImporter.detect(importInput(zip))).toBe(false);
    const sparse = noise.map((b, i) => (i % 3 === 0 ? b : 0xff));
    expect(andotpImporter.detect(importInput(sparse))).toBe(false);
    expect(andotpImporter.detect(importInput(noise.slice(0, 20)))).toBe(false);
    expect(andotpImporter.detect(importInput(utf8('otpauth://totp/a?secret=JBSWY3DP\n')))).toBe(false);
    expect(andotpImporter.detect(importInput(utf8('[{"name":"x","otpSecret":"JBSWY3DP"}]')))).toBe(false);
    expect(andotpImporter.detect(importInput(utf8('[]')))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    for (const bytes of mutatedCopies(utf8(OWN), 200, 3)) {
      expect(await outcome(andotpImporter, bytes, 'pw')).toMatch(/^(result|import-)/);
    }
    for (const bytes of mutatedCopies(await sealNew(OWN, 'pw'), 60, 4)) {
      expect(await outcome(andotpImporter, bytes, 'pw')).toMatch(/^(result|import-)/);
    }
  });
});
