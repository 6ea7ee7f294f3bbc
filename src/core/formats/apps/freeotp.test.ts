import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { randomBytes, utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { freeotpImporter } from './freeotp.ts';
import { MAX_PBKDF2_ITERATIONS } from './shared/freeotp-v2.ts';
import { decodeModifiedUtf8, parseJavaStringMap } from './shared/java-string-map.ts';

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

/** Java's signed bytes, as FreeOTP's JSON holds them. */
const signed = (bytes: Uint8Array) => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
/** JBSWY3DPEHPK3PXP */
const HELLO = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);

const token = (extra: Record<string, unknown> = {}) => ({
  algo: 'SHA1',
  counter: 0,
  digits: 6,
  issuerExt: 'Example',
  issuerInt: 'Example',
  label: 'ann',
  period: 30,
  secret: signed(HELLO),
  type: 'TOTP',
  ...extra,
});

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Test-only writer of a SharedPreferences file, as Android writes it. */
function prefsXml(entries: [string, string][]): string {
  const lines = entries.map(
    ([name, value]) => `    <string name="${xmlEscape(name)}">${xmlEscape(value)}</string>`,
  );
  return `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${lines.join('\n')}\n</map>\n`;
}

// ---- Test-only encoder of FreeOTP 2's backup: a serialized HashMap<String, String> ----

function modifiedUtf8(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 1 && c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

/** `repeat` writes a value equal to an earlier string as a back-reference, as Java does for one instance. */
function javaStringMap(entries: [string, string][], repeat = false): Uint8Array {
  const utf = (s: string) => [...u16(modifiedUtf8(s).length), ...modifiedUtf8(s)];
  const out = [0xac, 0xed, 0x00, 0x05, 0x73, 0x72, ...utf('java.util.HashMap')];
  out.push(0x05, 0x07, 0xda, 0xc1, 0xc3, 0x16, 0x60, 0xd1, 0x03, ...u16(2));
  out.push(0x46, ...utf('loadFactor'), 0x49, ...utf('threshold'), 0x78, 0x70);
  out.push(0x3f, 0x40, 0x00, 0x00, ...u32(12), 0x77, 0x08, ...u32(16), ...u32(entries.length));
  const handles: string[] = ['(class)', '(map)'];
  for (const text of entries.flat()) {
    const seen = handles.indexOf(text);
    if (repeat && seen >= 0) {
      out.push(0x71, ...u32(0x7e0000 + seen));
    } else {
      out.push(0x74, ...utf(text));
      handles.push(text);
    }
  }
  out.push(0x78);
  return new Uint8Array(out);
}

/** FreeOTP's encrypted key JSON; `bareNonce` writes the parameters as older Androids do. */
async function sealKey(key: Uint8Array, plain: Uint8Array, aad: string, bareNonce = false) {
  const nonce = randomBytes(12);
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  const params = { name: 'AES-GCM', iv: nonce, additionalData: utf8(aad) };
  const sealed = new Uint8Array(await crypto.subtle.encrypt(params, k, new Uint8Array(plain)));
  const der = bareNonce ? [0x04, 12, ...nonce] : [0x30, 17, 0x04, 12, ...nonce, 0x02, 0x01, 0x10];
  return {
    mCipher: 'AES/GCM/NoPadding',
    mCipherText: signed(sealed),
    mParameters: signed(new Uint8Array(der)),
    mToken: aad,
  };
}

interface V2Token {
  meta: Record<string, unknown>;
  secret: Uint8Array;
}

async function freeOtpV2(
  tokens: V2Token[],
  password: string,
  options: {
    iterations?: number;
    algorithm?: string;
    bareNonce?: boolean;
    repeat?: boolean;
    damage?: number;
  } = {},
): Promise<Uint8Array> {
  const { iterations = 1000, algorithm = 'PBKDF2withHmacSHA512', bareNonce = false } = options;
  const salt = randomBytes(32);
  const hash = algorithm.endsWith('SHA1') ? 'SHA-1' : 'SHA-512';
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const kek = new Uint8Array(
    // A count over the cap is refused before any derivation, so its key need not be right (or slow).
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash, salt, iterations: Math.min(iterations, 1000) },
      base,
      256,
    ),
  );
  const master = randomBytes(32);
  const entries: [string, string][] = [];
  for (const [i, t] of tokens.entries()) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const key = await sealKey(master, t.secret, `Hmac${String(t.meta.algo ?? 'SHA1')}`, bareNonce);
    if (options.damage === i) key.mCipherText[0] = key.mCipherText[0]! ^ 1;
    entries.push([`${id}-token`, JSON.stringify(t.meta)], [id, JSON.stringify({ key: JSON.stringify(key) })]);
  }
  const masterKey = {
    mAlgorithm: algorithm,
    mEncryptedKey: await sealKey(kek, master, 'AES', bareNonce),
    mIterations: iterations,
    mSalt: signed(salt),
  };
  entries.push(['masterKey', JSON.stringify(masterKey)]);
  return javaStringMap(entries, options.repeat);
}

const meta = (extra: Record<string, unknown> = {}) => {
  const { secret: _secret, ...rest } = token(extra);
  return rest;
};

// ---- The samples ----

describeSharedSamples({
  tag: 'freeotp',
  title: 'FreeOTP samples',
  importer: freeotpImporter,
  ours: (file) => /\/freeotp/.test(file),
  files: [
    'aegis-samples/freeotp.xml',
    'aegis-samples/freeotp_plus.json',
    'aegis-samples/freeotp_plus_internal.xml',
    'aegis-samples/freeotp_v2_api23.xml',
    'aegis-samples/freeotp_v2_api25.xml',
    'aegis-samples/freeotp_v2_api27.xml',
    'aegis-samples/freeotp_v2_api34.xml',
    'aegis-samples/freeotp_v2_null_algo.xml',
  ],
  wrongPasswords: ['tset'],
  mutations: { plain: 200, encrypted: 40 },
  someStillRead: true,
});

// ---- Our own files ----

describe('FreeOTP+ JSON and the SharedPreferences file', () => {
  const expected = {
    type: 'totp',
    issuer: 'Example',
    label: 'ann',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };

  it('reads a FreeOTP+ export, with the user’s own names over the link’s', async () => {
    const file = JSON.stringify({
      tokenOrder: ['Example:ann', 'x'],
      tokens: [
        token(),
        token({ type: 'HOTP', counter: 41, algo: 'SHA256', digits: 8, issuerAlt: 'Mine', labelAlt: 'me' }),
        token({ issuerExt: 'Steam', issuerInt: 'Steam', label: 'gamer', digits: 5 }),
      ],
    });
    expect(freeotpImporter.detect(input(file))).toBe('plain');
    const result = await freeotpImporter.read(input(file));
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual([
      expected,
      { ...expected, type: 'hotp', issuer: 'Mine', label: 'me', algorithm: 'SHA256', digits: 8, counter: 41 },
      { ...expected, type: 'steam', issuer: 'Steam', label: 'gamer', digits: 5 },
    ]);
  });

  it('reads a SharedPreferences file, names and values unescaped, the token order left out', async () => {
    const tricky = token({ issuerExt: 'A&B <"Co">', label: "o'neil" });
    const file = prefsXml([
      ['A&B:o', JSON.stringify(tricky)],
      ['tokenOrder', JSON.stringify(['A&B:o'])],
    ]);
    expect(freeotpImporter.detect(input(file))).toBe('plain');
    const result = await freeotpImporter.read(input(file));
    expect(result.accounts).toEqual([{ ...expected, issuer: 'A&B <"Co">', label: "o'neil" }]);
  });

  it('skips MD5, unknown types and broken secrets with their reasons, and keeps the rest', async () => {
    const file = prefsXml([
      ['md5', JSON.stringify(token({ algo: 'MD5', label: 'md5' }))],
      ['yandex', JSON.stringify(token({ type: 'YAOTP', label: 'y' }))],
      ['empty', JSON.stringify(token({ secret: [], label: 'e' }))],
      ['wide', JSON.stringify(token({ secret: [1, 999], label: 'w' }))],
      ['digits', JSON.stringify(token({ digits: 12, label: 'd' }))],
      ['garbage', 'not json'],
      ['ok', JSON.stringify(token())],
      ['tokenOrder', '[]'],
    ]);
    const result = await freeotpImporter.read(input(file));
    expect(result.accounts).toEqual([expected]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Example (md5)', 'unsupported-algorithm'],
      ['Example (y)', 'unsupported-type'],
      ['Example (e)', 'bad-secret'],
      ['Example (w)', 'bad-secret'],
      ['Example (d)', 'bad-parameters'],
      ['garbage', 'bad-entry'],
    ]);
  });

  it('says a file with no tokens is empty and a cut-off export damaged', async () => {
    expect(await readError(freeotpImporter.read(input(prefsXml([['tokenOrder', '[]']]))))).toBe(
      'import-empty',
    );
    const cut = JSON.stringify({ tokenOrder: [], tokens: [token()] }).slice(0, -5);
    expect(await readError(freeotpImporter.read(input(cut)))).toBe('import-damaged');
  });

  it('leaves other SharedPreferences files alone', () => {
    const settings = prefsXml([['theme', 'dark']]);
    expect(freeotpImporter.detect(input(settings))).toBe(false);
  });
});

describe('FreeOTP 2 encrypted backup', () => {
  const tokens: V2Token[] = [
    { meta: meta(), secret: HELLO },
    {
      meta: meta({ type: 'HOTP', counter: 7, algo: 'SHA512', digits: 8, label: 'zoë 🦊\u0000' }),
      secret: HELLO,
    },
    { meta: { issuerExt: 'Bare', label: 'defaults', type: 'TOTP' }, secret: HELLO },
  ];

  it('opens our own backup in both parameter layouts and both PBKDF2 hashes', async () => {
    for (const options of [{}, { bareNonce: true, algorithm: 'PBKDF2withHmacSHA1' }, { repeat: true }]) {
      const file = importInput(await freeOtpV2(tokens, 'pässword', options));
      expect(freeotpImporter.detect(file)).toBe('encrypted');
      const result = await freeotpImporter.read(file, 'pässword');
      expect(result.skipped).toEqual([]);
      expect(
        result.accounts.map((a) => [a.type, a.issuer, a.label, a.secret, a.algorithm, a.digits, a.counter]),
      ).toEqual([
        ['totp', 'Example', 'ann', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 0],
        ['hotp', 'Example', 'zoë 🦊\u0000', 'JBSWY3DPEHPK3PXP', 'SHA512', 8, 7],
        ['totp', 'Bare', 'defaults', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 0],
      ]);
    }
  });

  it('refuses the wrong password and a missing one', async () => {
    const file = importInput(await freeOtpV2(tokens, 'right'));
    expect(await readError(freeotpImporter.read(file, 'wrong'))).toBe('import-wrong-password');
    expect(await readError(freeotpImporter.read(file))).toBe('import-wrong-password');
  });

  it('skips a token whose key is damaged and keeps the others', async () => {
    const copy = await freeOtpV2(tokens.slice(0, 2), 'pw', { damage: 0 });
    const result = await freeotpImporter.read(importInput(copy), 'pw');
    expect(result.accounts.map((a) => a.label)).toEqual(['zoë 🦊\u0000']);
    expect(result.skipped).toMatchObject([{ name: 'Example (ann)', reason: 'bad-secret' }]);
  });

  it('refuses a doctored iteration count before deriving anything', async () => {
    const file = importInput(await freeOtpV2(tokens, 'pw', { iterations: MAX_PBKDF2_ITERATIONS + 1 }));
    expect(await readError(freeotpImporter.read(file, 'pw'))).toBe('import-damaged');
    const unknown = importInput(await freeOtpV2(tokens, 'pw', { algorithm: 'PBKDF2withHmacMD5' }));
    expect(await readError(freeotpImporter.read(unknown, 'pw'))).toBe('import-unsupported-version');
  });

  it('says a cut-off stream is damaged', async () => {
    const bytes = await freeOtpV2(tokens, 'pw');
    for (const length of [4, 40, 200, bytes.length - 1]) {
      expect(await readError(freeotpImporter.read(importInput(bytes.slice(0, length)), 'pw'))).toBe(
        'import-damaged',
      );
    }
  });
});

describe('the Java stream reader', () => {
  it('reads strings, long-form sizes and back-references, and refuses other classes', () => {
    const map = javaStringMap(
      [
        ['a', 'x'],
        ['b', 'x'],
      ],
      true,
    );
    expect([...parseJavaStringMap(map)]).toEqual([
      ['a', 'x'],
      ['b', 'x'],
    ]);
    const other = map.slice();
    other[8] = 'J'.charCodeAt(0); // java.util.HashMap → Java.util.HashMap
    expect(() => parseJavaStringMap(other)).toThrow(/not a HashMap/);
  });

  it('decodes modified UTF-8 (two-byte NUL, surrogates as three bytes) and refuses four-byte UTF-8', () => {
    expect(decodeModifiedUtf8(new Uint8Array(modifiedUtf8('a\u0000é🦊')))).toBe('a\u0000é🦊');
    expect(() => decodeModifiedUtf8(utf8('🦊'))).toThrow();
  });
});
