import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  importerSamples,
  SAMPLES_DIR,
  SAMPLES_MISSING,
  sampleBytes,
} from '../../../../tests/support/importer-samples.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { importInput } from '../importers.ts';
import { unreadableFormats } from './unreadable.ts';

if (!SAMPLES_DIR) console.warn(`[unreadable] ${SAMPLES_MISSING}`);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const messages = (lang: string) =>
  JSON.parse(readFileSync(path.join(repoRoot, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;

/** The first format that claims the bytes, as the registry tries them. */
const recognise = (bytes: Uint8Array) => unreadableFormats.find((f) => f.detect(importInput(bytes)))?.id;

const concat = (...parts: (Uint8Array | string)[]) => {
  const bytes = parts.map((p) => (typeof p === 'string' ? utf8(p) : p));
  const out = new Uint8Array(bytes.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of bytes) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A database file's first bytes and its schema text, as SQLite lays them out (padding aside). */
const sqlite = (...creates: string[]) =>
  concat(
    'SQLite format 3\0',
    new Uint8Array([0x10, 0x00, 1, 1, 0, 64, 32, 32]),
    new Uint8Array(80),
    ...creates,
  );

/** A ZIP's first local file header: version, flags, method…, then the entry's name. */
function zip(name: string, flags: number): Uint8Array {
  const header = new Uint8Array(30);
  header.set([0x50, 0x4b, 0x03, 0x04, 20, 0, flags & 0xff, flags >> 8, 8, 0]);
  header[26] = name.length;
  return concat(header, name, new Uint8Array(40).fill(0xa5));
}

const SAMPLE_IDS: Record<string, string> = {
  'aegis-samples/google_authenticator.sqlite': 'google_authenticator',
  'aegis-samples/microsoft_authenticator.sqlite': 'microsoft_authenticator',
  'aegis-samples/stratum_internal.db': 'stratum_database',
  'aegis-samples/authenticator_plus.zip': 'authenticator_plus',
};

describe.skipIf(!SAMPLES_DIR)('unreadable samples from ../shared/fixtures/importers', () => {
  it.each(Object.entries(SAMPLE_IDS))('%s is recognised as %s', (file, id) => {
    expect(recognise(sampleBytes(file))).toBe(id);
  });

  it('claims none of the samples an importer reads', () => {
    const readable = importerSamples().filter((s) => !(s.file in SAMPLE_IDS));
    expect(readable.length).toBeGreaterThan(20);
    expect(readable.filter((s) => recognise(sampleBytes(s.file))).map((s) => s.file)).toEqual([]);
  });
});

describe('unreadable files made here', () => {
  it('tells the apps’ databases apart by their tables', () => {
    const google =
      'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, ';
    expect(recognise(sqlite(`${google}counter INTEGER, original_name TEXT DEFAULT NULL)`))).toBe(
      'google_authenticator',
    );
    expect(
      recognise(
        sqlite('CREATE TABLE `accounts` (`_id` INTEGER, `name` TEXT, `oath_secret_key` TEXT NOT NULL)'),
      ),
    ).toBe('microsoft_authenticator');
    expect(
      recognise(sqlite('CREATE TABLE "authenticatorcategory" (a)', 'CREATE TABLE "authenticator" (b)')),
    ).toBe('stratum_database');
    expect(recognise(sqlite('CREATE TABLE "authenticatorcategory" (a)'))).toBe('sqlite_database');
    expect(recognise(sqlite('CREATE TABLE notes (id INTEGER)'))).toBe('sqlite_database');
  });

  it('names Authenticator Plus only for its locked ZIP; other ZIPs are ZIPs', () => {
    expect(recognise(zip('Accounts.txt', 0x0009))).toBe('authenticator_plus');
    expect(recognise(zip('Accounts.txt', 0x0008))).toBe('zip');
    expect(recognise(zip('photos.jpg', 0x0001))).toBe('zip');
  });

  it('names Ente Auth’s encrypted export', () => {
    const ente = { version: 1, kdfParams: { memLimit: 4096, opsLimit: 3, salt: 'c2FsdA==' } };
    const file = { ...ente, encryptedData: 'ZGF0YQ==', encryptionNonce: 'bm9uY2U=' };
    expect(recognise(utf8(JSON.stringify(file)))).toBe('ente_encrypted');
    expect(recognise(utf8(JSON.stringify({ ...file, kdfParams: 'x' })))).toBeUndefined();
  });

  it('claims nothing else', () => {
    for (const text of ['', 'SQLite format 3', 'PK', '{"encryptedData": 1}', 'otpauth://totp/a?secret=A']) {
      expect(recognise(utf8(text))).toBeUndefined();
    }
    expect(recognise(new Uint8Array([0xac, 0xed, 0, 5]))).toBeUndefined();
  });

  it('has ids that fit a message name, each with an English and a Dutch how-to', () => {
    const en = messages('en');
    const nl = messages('nl');
    for (const { id, app } of unreadableFormats) {
      expect(id).toMatch(/^[a-z][a-z_]*$/);
      expect(app).not.toBe('');
      expect(en[`import_howto_${id}`]?.message, id).toBeTruthy();
      expect(nl[`import_howto_${id}`]?.message, id).toBeTruthy();
    }
    expect(new Set(unreadableFormats.map((f) => f.id)).size).toBe(unreadableFormats.length);
  });
});
