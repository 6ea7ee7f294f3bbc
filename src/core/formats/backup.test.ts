import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Secret } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountArb } from '../../../tests/support/otp-arbitraries';
import type { StoredAccount } from '../account';
import { fromUtf8, randomBytes, utf8 } from '../crypto/bytes';
import { DEFAULT_KDF, deriveKek, newKdfSpec } from '../crypto/kdf';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupErrorCode,
  backupFileName,
  createBackup,
  isBackupText,
  openBackup,
  readBackup,
} from './backup';
import { type BackupHeader, backupChecksum, canonicalHeader, formatBackupFile } from './backup-file';
import { paddedLength } from './backup-payload';
import { fromBase64Strict, toBase64 } from './base64';

// Cheap Argon2id so properties run hundreds of cases; one test below proves the default is used.
const FAST = { alg: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;
const PASSWORD = 'correct horse battery staple';
const SEED = Number(process.env.BACKUP_FUZZ_SEED ?? 20260501);

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

const storedArb: fc.Arbitrary<StoredAccount> = fc
  .record({
    account: accountArb,
    id: fc.uuid(),
    sites: fc.array(fc.oneof(fc.webUrl(), fc.domain()), { maxLength: 3 }),
    order: finite,
    pinned: fc.boolean(),
    createdAt: finite,
    updatedAt: finite,
    notes: fc.string({ unit: 'binary', maxLength: 80 }),
    recoveryCodes: fc.array(fc.record({ code: fc.string({ maxLength: 16 }), used: fc.boolean() }), {
      maxLength: 4,
    }),
    revision: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ account, ...rest }) => ({ ...account, ...rest }));

const vaultArb = fc
  .oneof(fc.constantFrom(0, 1, 500), fc.integer({ min: 0, max: 500 }))
  .chain((n) => fc.array(storedArb, { minLength: n, maxLength: n }));

function withoutVaultFields(account: StoredAccount) {
  const { id: _id, revision: _revision, ...rest } = account;
  return rest;
}

function stored(overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: 'id-1',
    type: 'totp',
    issuer: 'Zorgplein Noord',
    label: 'j.devries@example.nl',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: ['https://login.zorgplein.example'],
    order: 0,
    pinned: false,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    notes: 'Balie vraagt soms om de code',
    recoveryCodes: [{ code: 'herstel-1111-2222', used: false }],
    revision: 3,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<BackupErrorCode | 'opened'> {
  try {
    await promise;
    return 'opened';
  } catch (error) {
    const code = (error as { code?: BackupErrorCode }).code;
    if ((error as Error).name !== 'BackupError' || !code) throw error;
    return code;
  }
}

/** The file as JSON.parse gives it; tests write anything into it. */
interface FileJson {
  [key: string]: unknown;
  version: unknown;
  cipher: unknown;
  kdf: { [key: string]: unknown; salt: string };
  iv: string;
  ciphertext: string;
  checksum: string;
}

/** Edits the parsed file and writes it back, as someone with a text editor would. */
function edit(text: string, change: (file: FileJson) => unknown): string {
  const file = JSON.parse(text);
  change(file);
  return JSON.stringify(file, null, 2);
}

/** A different character at `i`: another base64 letter, so only the checksum can notice. */
function replaceChar(text: string, i: number): string {
  const next = text[i] === 'A' ? 'B' : 'A';
  return text.slice(0, i) + next + text.slice(i + 1);
}

/** A file as createBackup writes it but with a chosen header and plaintext, for hostile cases. */
async function sealed(plaintext: Uint8Array, header: Partial<BackupHeader> = {}): Promise<string> {
  const full = await headerOf(header);
  const raw = await deriveKek(PASSWORD, full.kdf);
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: full.iv, additionalData: canonicalHeader(full) },
      key,
      new Uint8Array(plaintext),
    ),
  );
  return formatBackupFile({ header: full, ciphertext, checksum: await backupChecksum(full, ciphertext) });
}

/** Same, with random bytes for a ciphertext: for headers no key should ever be derived from. */
async function crafted(header: Partial<BackupHeader>): Promise<string> {
  const full = { ...(await headerOf(header)) };
  const ciphertext = randomBytes(64);
  return formatBackupFile({ header: full, ciphertext, checksum: await backupChecksum(full, ciphertext) });
}

async function headerOf(header: Partial<BackupHeader>): Promise<BackupHeader> {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: newKdfSpec(FAST),
    cipher: 'AES-256-GCM',
    iv: randomBytes(12),
    ...header,
  };
}

describe('backup round trip', () => {
  it('gives back every account with every field, for vaults of 0 to 500 accounts', async () => {
    const sizes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(vaultArb, async (vault) => {
        sizes.add(vault.length);
        const text = await createBackup(vault, PASSWORD, { kdf: FAST });
        expect(await openBackup(text, PASSWORD)).toEqual(vault.map(withoutVaultFields));
      }),
      { numRuns: 25, seed: SEED },
    );
    // The property must have seen the edges, or it proves less than it claims.
    expect(sizes).toContain(0);
    expect(sizes).toContain(500);
  });

  it('keeps the date it was made and opens with the same password however it was typed', async () => {
    const now = new Date('2026-03-04T05:06:07Z');
    const text = await createBackup([stored()], 'caf\u00e9', { kdf: FAST, now });
    const contents = await readBackup(text, 'cafe\u0301');
    expect(contents.createdAt).toBe(now.getTime());
    expect(contents.accounts).toHaveLength(1);
  });

  it('uses and records the vault default KDF when none is asked for', async () => {
    const text = await createBackup([stored()], PASSWORD);
    const file = JSON.parse(text);
    expect(file.kdf).toMatchObject({ ...DEFAULT_KDF });
    expect(fromBase64Strict(file.kdf.salt)?.length).toBe(16);
    expect(file).toMatchObject({ format: 'tweestap-backup', version: 1, cipher: 'AES-256-GCM' });
    expect(await openBackup(text, PASSWORD)).toEqual([withoutVaultFields(stored())]);
  });

  it('opens the example in docs/backup-format.md to the payload shown there', async () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const doc = readFileSync(path.join(repoRoot, 'docs/backup-format.md'), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    const payload = JSON.parse(blocks.at(-2)!);
    const example = blocks.at(-1)!;
    expect(JSON.parse(example).format).toBe(BACKUP_FORMAT);
    expect(await readBackup(example, 'correct horse battery staple')).toEqual(payload);
  });

  it('refuses an empty password and an account that would not open again', async () => {
    await expect(createBackup([stored()], '', { kdf: FAST })).rejects.toThrow(RangeError);
    await expect(createBackup([stored({ secret: '0000' })], PASSWORD, { kdf: FAST })).rejects.toThrow();
  });
});

describe('backup file contents', () => {
  const secrets = ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'];
  const accounts = secrets.map((secret, i) =>
    stored({
      id: `id-${i}`,
      secret,
      issuer: `Schoolportaal${i}`,
      label: `meester.jansen${i}@example.nl`,
      sites: [`https://portaal${i}.example.nl`, `leerling${i}.example`],
      notes: `Sleutel ligt in la ${i}`,
      recoveryCodes: [{ code: `reserve-code-${i}-9876`, used: i === 1 }],
    }),
  );

  it('holds no name, secret, site, note or recovery code, in the text or in any decoded field', async () => {
    const text = await createBackup(accounts, PASSWORD, { kdf: FAST });
    const file = JSON.parse(text);
    const decoded = [file.kdf.salt, file.iv, file.ciphertext, file.checksum].map((b64: string) =>
      fromUtf8Lossy(fromBase64Strict(b64)!),
    );
    const needles = accounts.flatMap((a) => [
      a.secret,
      a.secret.slice(0, 8),
      a.issuer,
      a.label,
      ...a.sites,
      a.notes,
      ...a.recoveryCodes.map((c) => c.code),
    ]);
    for (const needle of needles) {
      expect(text).not.toContain(needle);
      expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
      for (const bytes of decoded) expect(bytes).not.toContain(needle);
    }
    // A secret's raw bytes are what someone would look for after base64-decoding the file.
    for (const secret of secrets) {
      const raw = Array.from(Secret.fromBase32(secret).bytes, (b) => String.fromCharCode(b)).join('');
      for (const bytes of decoded) expect(bytes).not.toContain(raw.slice(0, 6));
    }
    expect(Object.keys(file).sort()).toEqual(
      ['checksum', 'cipher', 'ciphertext', 'format', 'iv', 'kdf', 'version'].sort(),
    );
  });

  it('does not tell from its size whether it holds one account or two', async () => {
    const one = await createBackup(accounts.slice(0, 1), PASSWORD, { kdf: FAST });
    const two = await createBackup(accounts, PASSWORD, { kdf: FAST });
    expect(one.length).toBe(two.length);
  });

  it('pads to whole KiB with at most 12% (plus 1 KiB) overhead', () => {
    for (const n of [0, 1, 1023, 1024, 1025, 5000, 40_000, 400_000, 40_000_000]) {
      const p = paddedLength(n);
      expect(p % 1024).toBe(0);
      expect(p).toBeGreaterThanOrEqual(n);
      expect(p).toBeLessThanOrEqual(n * 1.12 + 1024);
    }
    // Many neighbouring sizes share one padded size: that is the point.
    expect(new Set(Array.from({ length: 4000 }, (_, i) => paddedLength(200_000 + i))).size).toBeLessThan(3);
  });

  it('names the file by the local date', () => {
    expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe('tweestap-backup-2026-01-05.tweestap');
    expect(backupFileName(new Date(2026, 11, 31, 0, 0))).toBe('tweestap-backup-2026-12-31.tweestap');
  });
});

function fromUtf8Lossy(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes) + Array.from(bytes, (b) => String.fromCharCode(b)).join('');
}

describe('backup errors', () => {
  let text = '';
  beforeAll(async () => {
    text = await createBackup([stored(), stored({ id: 'id-2', label: 'second' })], PASSWORD, { kdf: FAST });
  });

  it('opens the untouched file, also re-indented by an editor', async () => {
    expect(await failure(openBackup(text, PASSWORD))).toBe('opened');
    expect(await failure(openBackup(JSON.stringify(JSON.parse(text)), PASSWORD))).toBe('opened');
    expect(await failure(openBackup(`\uFEFF${text}`, PASSWORD))).toBe('opened');
  });

  it('says wrong password, and only that, for a wrong password', async () => {
    expect(await failure(openBackup(text, 'Correct horse battery staple'))).toBe('backup-wrong-password');
    expect(await failure(openBackup(text, ''))).toBe('backup-wrong-password');
  });

  it('says damaged for a changed character in the ciphertext, iv, salt, header or checksum', async () => {
    const file = JSON.parse(text);
    const cases: [string, (f: FileJson) => unknown][] = [
      ['ciphertext start', (f) => Object.assign(f, { ciphertext: replaceChar(f.ciphertext, 0) })],
      [
        'ciphertext middle',
        (f) => Object.assign(f, { ciphertext: replaceChar(f.ciphertext, f.ciphertext.length >> 1) }),
      ],
      [
        'ciphertext tag',
        (f) => Object.assign(f, { ciphertext: replaceChar(f.ciphertext, f.ciphertext.length - 6) }),
      ],
      ['iv', (f) => Object.assign(f, { iv: replaceChar(f.iv, 3) })],
      ['salt', (f) => Object.assign(f.kdf, { salt: replaceChar(f.kdf.salt, 5) })],
      ['checksum', (f) => Object.assign(f, { checksum: replaceChar(f.checksum, 10) })],
      ['memory', (f) => Object.assign(f.kdf, { memoryKiB: 65 })],
      ['iterations', (f) => Object.assign(f.kdf, { iterations: 2 })],
      ['cipher', (f) => Object.assign(f, { cipher: 'AES-256-GCN' })],
      ['kdf name', (f) => Object.assign(f.kdf, { alg: 'argon2i' })],
      ['not base64', (f) => Object.assign(f, { iv: `${f.iv.slice(0, -1)}!` })],
      ['missing ciphertext', (f) => Reflect.deleteProperty(f, 'ciphertext')],
      ['version 0', (f) => Object.assign(f, { version: 0 })],
    ];
    expect(file.iv.length).toBeGreaterThan(3);
    for (const [what, change] of cases) {
      expect([what, await failure(openBackup(edit(text, change), PASSWORD))]).toEqual([
        what,
        'backup-damaged',
      ]);
    }
  });

  it('says damaged for any changed character inside any encoded field', async () => {
    const file = JSON.parse(text);
    const fields = ['ciphertext', 'iv', 'checksum', 'salt'] as const;
    const get = (f: FileJson, name: (typeof fields)[number]): string =>
      name === 'salt' ? f.kdf.salt : f[name];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ '),
        async (name, where, char) => {
          const value: string = get(file, name);
          const i = Math.floor(where * value.length);
          fc.pre(value[i] !== char);
          const changed = value.slice(0, i) + char + value.slice(i + 1);
          const tampered = edit(text, (f) => {
            if (name === 'salt') f.kdf.salt = changed;
            else f[name] = changed;
          });
          expect(await failure(openBackup(tampered, PASSWORD))).toBe('backup-damaged');
        },
      ),
      { numRuns: 200, seed: SEED },
    );
  });

  it('says damaged for a JSON syntax error that is not a cut', async () => {
    const broken = text.replace('"cipher":', '"cipher";');
    expect(await failure(openBackup(broken, PASSWORD))).toBe('backup-damaged');
  });

  it('says truncated for a file cut anywhere after its first line', async () => {
    const start = text.indexOf('tweestap-backup') + 'tweestap-backup'.length + 1;
    const cuts = new Set<number>();
    for (let cut = start; cut < text.length - 1; cut += 37) cuts.add(cut);
    // Right after the kdf object closes, and just before the last brace: the cases a brace count must catch.
    cuts.add(text.indexOf('}') + 1);
    cuts.add(text.lastIndexOf('}'));
    cuts.add(text.lastIndexOf('"'));
    for (const cut of cuts) {
      const part = text.slice(0, cut);
      expect(isBackupText(part)).toBe(true);
      expect([cut, await failure(openBackup(part, PASSWORD))]).toEqual([cut, 'backup-truncated']);
    }
    // Losing only the final newline loses nothing.
    expect(await failure(openBackup(text.slice(0, -1), PASSWORD))).toBe('opened');
  });

  it('says newer for a later format version, whatever else the file holds', async () => {
    const v2 = edit(text, (f) => {
      f.version = 2;
      f.cipher = 'XChaCha20-Poly1305';
      delete (f as Partial<FileJson>).kdf;
    });
    expect(await failure(openBackup(v2, PASSWORD))).toBe('backup-newer');
    expect(
      await failure(
        openBackup(
          edit(text, (f) => {
            f.version = 37;
          }),
          PASSWORD,
        ),
      ),
    ).toBe('backup-newer');
  });

  it('says not a backup for other files', async () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const png = readFileSync(path.join(repoRoot, 'public/icon/128.png'));
    const others = [
      '',
      '   ',
      'hello',
      '{}',
      '[]',
      'null',
      '{"format":"aegis","version":1}',
      '{"version":1,"format":"tweestap-backup"}',
      'otpauth://totp/A:b?secret=JBSWY3DP',
      new TextDecoder('latin1').decode(png),
      new TextDecoder('utf-8').decode(png),
    ];
    for (const other of others) {
      expect(isBackupText(other)).toBe(false);
      expect([other.slice(0, 20), await failure(openBackup(other, PASSWORD))]).toEqual([
        other.slice(0, 20),
        'backup-not-a-backup',
      ]);
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (json) => {
        expect(await failure(openBackup(json, PASSWORD))).toBe('backup-not-a-backup');
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it('refuses hostile KDF parameters before deriving anything', async () => {
    const hostile = [
      { memoryKiB: 4 * 1024 * 1024 },
      { iterations: 100_000 },
      { parallelism: 0 },
      { parallelism: 1000 },
      { memoryKiB: 1.5 },
      { salt: randomBytes(4) },
    ];
    for (const change of hostile) {
      const file = await crafted({ kdf: { ...newKdfSpec(FAST), ...change } });
      expect([change, await failure(openBackup(file, PASSWORD))]).toEqual([change, 'backup-damaged']);
    }
  });

  it('says damaged for an authenticated payload that holds an invalid account', async () => {
    const good = JSON.parse(
      fromUtf8(utf8(JSON.stringify({ createdAt: 1, accounts: [withoutVaultFields(stored())] }))),
    );
    const bad = [
      { secret: '0000' },
      { digits: 12 },
      { period: 0 },
      { algorithm: 'MD5' },
      { type: 'yubikey' },
      { counter: -1 },
      { sites: 'https://a.example' },
      { recoveryCodes: [{ code: 'x' }] },
      { pinned: 'yes' },
      { order: null },
    ];
    const valid = await sealed(utf8(JSON.stringify(good)));
    expect(await failure(openBackup(valid, PASSWORD))).toBe('opened');
    for (const change of bad) {
      const payload = { ...good, accounts: [{ ...good.accounts[0], ...change }] };
      const file = await sealed(utf8(JSON.stringify(payload)));
      expect([change, await failure(openBackup(file, PASSWORD))]).toEqual([change, 'backup-damaged']);
    }
    for (const payload of ['not json', '[]', '{"accounts":[]}', '\xff']) {
      const file = await sealed(new TextEncoder().encode(payload));
      expect([payload, await failure(openBackup(file, PASSWORD))]).toEqual([payload, 'backup-damaged']);
    }
    const invalidUtf8 = await sealed(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(await failure(openBackup(invalidUtf8, PASSWORD))).toBe('backup-damaged');
  });

  it('writes base64 that the strict reader accepts and nothing else', () => {
    const bytes = randomBytes(33);
    expect(fromBase64Strict(toBase64(bytes))).toEqual(bytes);
    expect(fromBase64Strict('QQ==')).toEqual(new Uint8Array([65]));
    expect(fromBase64Strict('QR==')).toBeUndefined();
    expect(fromBase64Strict('QQ')).toBeUndefined();
    expect(fromBase64Strict('Q Q==')).toBeUndefined();
    expect(fromBase64Strict('-_8=')).toBeUndefined();
  });
});
