/**
 * 10,000 mutated files through `detectFormat` and every importer that claims them: cut off,
 * bit-flipped, bytes spliced, random bytes behind a real file's first bytes, JSON values of the
 * wrong type, huge numbers, deep nesting and long strings. Only ImportError may come out of a
 * read, every account read must pass the vault's own checks, and no read may take over 1 s (the
 * bound issue 13 sets). That second is **CPU time** of this process (`process.cpuUsage`, which
 * counts the thread pool WebCrypto's PBKDF2 runs on too), not the wall clock: it bounds the work a
 * hostile file can cause, and a busy machine, which stretches the wall clock, cannot fail it.
 *
 * The seeds are files we make here (one or more for each format, encrypted ones with cheap key
 * derivation) and, when ../shared is beside the repo, the other apps' real samples. A real
 * sample's key derivation costs what the app chose (Aegis's scrypt N = 2^15, Stratum's Argon2id:
 * 0.1–0.5 s here), so the encrypted shared samples get EXPENSIVE_SHARE mutations each and every
 * other seed shares the rest evenly: with ../shared, 69 seeds of which 19 costly, about 35 s on
 * two busy cores; without it, 19 seeds, all cheap, about 30 s. The split depends on no clock, so
 * a run is repeatable; `IMPORT_FUZZ_SEED` picks another set of mutations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aegisEncryptedFile } from '../../../tests/support/export-files.ts';
import { mulberry32 } from '../../../tests/support/prng.ts';
import type { OtpAccount, StoredAccount } from '../account.ts';
import { randomBytes, utf8 } from '../crypto/bytes.ts';
import { normalizeAccount } from '../otp/validate.ts';
import { createBackup } from './backup.ts';
import { transferBatches } from './google-migration.ts';
import { ImportError, type Importer } from './importer.ts';
import { detectFormat, IMPORTERS, importInput, UNREADABLE } from './importers.ts';

const TOTAL = 10_000;
const MAX_READ_MS = 1_000;
const EXPENSIVE_SHARE = 12;
const SEED = Number(process.env.IMPORT_FUZZ_SEED ?? 13_2026);

const SHARED = resolve(import.meta.dirname, '../../../../shared/fixtures/importers');
const SHARED_PRESENT = existsSync(SHARED);
if (!SHARED_PRESENT)
  console.warn(`[import fuzz] ${SHARED} not found: only our own generated seeds are mutated`);

interface Seed {
  name: string;
  bytes: Uint8Array;
  password?: string;
  /** For our own seeds: the importer that must claim the unmutated file. */
  expect?: string;
  /** One of the other apps' samples (../shared), with the app's own key derivation cost. */
  shared?: boolean;
}

function isEncrypted(seed: Seed): boolean {
  const found = detectFormat(importInput(seed.bytes));
  return found.kind === 'importer' && found.encrypted;
}

const PASSWORD = 'fuzz password';
const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'KRUGS4ZANFZSAYJAMFRGGZDFMZTWQ2LK'];

const accounts: OtpAccount[] = [
  { ...base(0), issuer: 'Mail', label: 'ann@school.test' },
  { ...base(1), type: 'hotp', issuer: 'Bank', label: 'bob', counter: 7, algorithm: 'SHA256', digits: 8 },
  { ...base(2), issuer: 'Rooster', label: 'care', period: 60, algorithm: 'SHA512' },
];

function base(i: number): OtpAccount {
  return {
    type: 'totp',
    issuer: '',
    label: '',
    secret: SECRETS[i % SECRETS.length]!,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
}

const link = (a: OtpAccount) =>
  `otpauth://${a.type}/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.label)}?secret=${a.secret}` +
  `&issuer=${encodeURIComponent(a.issuer)}&algorithm=${a.algorithm}&digits=${a.digits}` +
  (a.type === 'hotp' ? `&counter=${a.counter}` : `&period=${a.period}`);

async function gcm(key: Uint8Array, plain: Uint8Array) {
  const iv = randomBytes(12);
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new Uint8Array(plain)),
  );
  return { iv, sealed };
}

/** andOTP's current layout with 10 PBKDF2 iterations: count | salt | nonce | ciphertext and tag. */
async function andotpEncrypted(entries: unknown): Promise<Uint8Array> {
  const salt = randomBytes(12);
  const material = await crypto.subtle.importKey('raw', utf8(PASSWORD), 'PBKDF2', false, ['deriveBits']);
  const key = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations: 10 }, material, 256),
  );
  const { iv, sealed } = await gcm(key, utf8(JSON.stringify(entries)));
  const out = new Uint8Array(4 + 12 + 12 + sealed.length);
  new DataView(out.buffer).setUint32(0, 10);
  out.set(salt, 4);
  out.set(iv, 16);
  out.set(sealed, 28);
  return out;
}

function stored(account: OtpAccount, i: number): StoredAccount {
  return {
    ...account,
    id: `id-${i}`,
    sites: ['school.test'],
    order: i,
    pinned: false,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    notes: 'note',
    recoveryCodes: [{ code: 'RC-1', used: false }],
    revision: 1,
  };
}

async function ownSeeds(): Promise<Seed[]> {
  const [ann, bob, care] = accounts as [OtpAccount, OtpAccount, OtpAccount];
  const aegisDb = {
    version: 3,
    entries: accounts.map((a) => ({
      type: a.type,
      name: a.label,
      issuer: a.issuer,
      note: 'n',
      info: { secret: a.secret, algo: a.algorithm, digits: a.digits, period: a.period, counter: a.counter },
    })),
    groups: [],
  };
  const many = Array.from({ length: 20 }, (_, i) => ({
    ...ann,
    label: `user${i}`,
    secret: `${SECRETS[1]}${'A'.repeat(i % 4)}`,
  }));
  const text = (name: string, value: string, expect?: string): Seed => ({ name, bytes: utf8(value), expect });
  return [
    text(
      'otpauth list',
      `${accounts.map(link).join('\n')}\n# a comment\nnot a link\notpauth://totp/x?secret=%%\n`,
      'otpauth-list',
    ),
    text(
      'transfer',
      transferBatches(many, { perBatch: 8, batchId: 77 })
        .batches.map((b) => b.uri)
        .join('\n'),
      'google-transfer',
    ),
    {
      name: 'tweestap backup',
      bytes: utf8(
        await createBackup(accounts.map(stored), PASSWORD, {
          kdf: { alg: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 },
        }),
      ),
      password: PASSWORD,
      expect: 'tweestap',
    },
    text(
      'aegis plain',
      JSON.stringify({ version: 1, header: { slots: null, params: null }, db: aegisDb }),
      'aegis',
    ),
    {
      name: 'aegis encrypted',
      bytes: utf8(await aegisEncryptedFile(aegisDb, PASSWORD, { n: 16, r: 8, p: 1 })),
      password: PASSWORD,
      expect: 'aegis',
    },
    text(
      '2fas',
      JSON.stringify({
        services: accounts.map((a, i) => ({
          name: a.issuer,
          secret: a.secret,
          otp: {
            account: a.label,
            issuer: a.issuer,
            digits: a.digits,
            period: a.period,
            counter: a.counter,
            algorithm: a.algorithm,
            tokenType: a.type.toUpperCase(),
          },
          order: { position: i },
        })),
        groups: [],
        schemaVersion: 4,
        appVersionCode: 5000000,
      }),
      'twofas',
    ),
    text(
      'andotp plain',
      JSON.stringify(
        accounts.map((a) => ({
          secret: a.secret,
          issuer: a.issuer,
          label: a.label,
          digits: a.digits,
          type: a.type.toUpperCase(),
          algorithm: a.algorithm,
          period: a.period,
          counter: a.counter,
          tags: [],
        })),
      ),
      'andotp',
    ),
    {
      name: 'andotp encrypted',
      bytes: await andotpEncrypted([
        {
          secret: ann.secret,
          issuer: 'Mail',
          label: 'ann',
          digits: 6,
          type: 'TOTP',
          algorithm: 'SHA1',
          period: 30,
        },
      ]),
      password: PASSWORD,
      expect: 'andotp',
    },
    text(
      'bitwarden json',
      JSON.stringify({
        encrypted: false,
        folders: [],
        items: accounts.map((a, i) => ({
          id: `i${i}`,
          type: 1,
          name: a.issuer,
          notes: null,
          login: { username: a.label, totp: link(a) },
        })),
      }),
      'bitwarden',
    ),
    text(
      'bitwarden csv',
      `folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\n${accounts
        .map((a) => `,,login,${a.issuer},,,,${a.label},,${link(a)}`)
        .join('\n')}\n,,login,Steam,,,,,,steam://${care.secret}\n`,
      'bitwarden',
    ),
    text(
      'proton',
      JSON.stringify({
        version: 1,
        entries: accounts.map((a, i) => ({
          id: `e${i}`,
          content: { uri: link(a), entry_type: 'Totp', name: a.label },
          note: null,
        })),
      }),
      'proton',
    ),
    text(
      'freeotp+',
      JSON.stringify({
        tokenOrder: accounts.map((a) => `${a.issuer}:${a.label}`),
        tokens: accounts.map((a) => ({
          algo: a.algorithm,
          counter: a.counter,
          digits: a.digits,
          issuerExt: a.issuer,
          label: a.label,
          period: a.period,
          secret: [-19, 64, -59, -18, -5, -20, -50, 34, 6, -79, 93, 117, -63, 24, 42, 118],
          type: a.type.toUpperCase(),
        })),
      }),
      'freeotp',
    ),
    text(
      'steam',
      JSON.stringify({
        shared_secret: 'THIl8+Jl6ugxr8x0X6eRMg==',
        account_name: 'sophia',
        serial_number: '1',
        revocation_code: 'R1',
        steamid: '1',
      }),
      'steam',
    ),
    text(
      'duo',
      JSON.stringify([
        { version: 1.0, accountType: 'OtpAccount', name: 'Mason', otpGenerator: { otpSecret: ann.secret } },
        {
          version: 1.0,
          accountType: 'OtpAccount',
          name: 'James',
          otpGenerator: { otpSecret: bob.secret, counter: 3 },
        },
      ]),
      'duo',
    ),
    text(
      'stratum plain',
      JSON.stringify({
        Authenticators: accounts.map((a) => ({
          Type: a.type === 'hotp' ? 1 : 2,
          Issuer: a.issuer,
          Username: a.label,
          Secret: a.secret,
          Algorithm: ['SHA1', 'SHA256', 'SHA512'].indexOf(a.algorithm),
          Digits: a.digits,
          Period: a.period,
          Counter: a.counter,
          Ranking: 0,
        })),
        Categories: [],
        AuthenticatorCategories: [],
        CustomIcons: [],
      }),
      'stratum',
    ),
    text(
      'authenticator extension',
      JSON.stringify(
        Object.fromEntries(
          accounts.map((a, i) => [
            `${i}aaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
            {
              dataType: 'OTPStorage',
              encrypted: false,
              hash: `${i}aaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
              index: i,
              type: a.type,
              secret: a.secret,
              issuer: a.issuer,
              account: a.label,
              counter: a.counter,
              digits: a.digits,
              period: a.period,
              algorithm: a.algorithm,
            },
          ]),
        ),
      ),
      'authenticator-ext',
    ),
    { name: 'zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(200)]) },
    { name: 'sqlite', bytes: new Uint8Array([...utf8('SQLite format 3\0'), ...randomBytes(400)]) },
    { name: 'random', bytes: randomBytes(600) },
  ];
}

/** Every file of the other apps' samples, with its password from the EXPECTED lists. */
function sharedSeeds(): Seed[] {
  if (!SHARED_PRESENT) return [];
  const passwords = new Map<string, string>();
  const aegis = JSON.parse(readFileSync(join(SHARED, 'aegis-samples/EXPECTED.json'), 'utf8')) as {
    samples: { file: string; password: string | null }[];
  };
  for (const s of aegis.samples) if (s.password) passwords.set(`aegis-samples/${s.file}`, s.password);
  const ext = JSON.parse(readFileSync(join(SHARED, 'authenticator-ext-samples/EXPECTED.json'), 'utf8')) as {
    password_for_encrypted: string;
    files: Record<string, { encrypted: boolean; password?: string }>;
  };
  for (const [file, s] of Object.entries(ext.files))
    if (s.encrypted)
      passwords.set(`authenticator-ext-samples/${file}`, s.password ?? ext.password_for_encrypted);
  const seeds: Seed[] = [];
  // Sorted: the mutations follow one random sequence, so the order of the seeds must not vary.
  for (const dir of readdirSync(SHARED, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(SHARED, dir.name)).sort()) {
      if (/^EXPECTED|\.md$/.test(file)) continue;
      const name = `${dir.name}/${file}`;
      seeds.push({
        name,
        bytes: new Uint8Array(readFileSync(join(SHARED, name))),
        password: passwords.get(name),
        shared: true,
      });
    }
  }
  const migration = join(SHARED, 'google-migration-samples.json');
  if (existsSync(migration))
    seeds.push({ name: 'google-migration-samples.json', bytes: new Uint8Array(readFileSync(migration)) });
  return seeds;
}

// ---- Mutations ----

type Random = () => number;
const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

function truncate(bytes: Uint8Array, random: Random): Uint8Array {
  return bytes.slice(0, int(random, bytes.length));
}

function flipBits(bytes: Uint8Array, random: Random): Uint8Array {
  const copy = bytes.slice();
  for (let i = 1 + int(random, 4); i > 0 && copy.length > 0; i--)
    copy[int(random, copy.length)]! ^= 1 << int(random, 8);
  return copy;
}

function splice(bytes: Uint8Array, random: Random): Uint8Array {
  const at = int(random, bytes.length + 1);
  const length = 1 + int(random, 64);
  const mode = int(random, 3);
  if (mode === 0) return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + length)]);
  const inserted = mode === 1 ? bytes.subarray(at, at + length) : randomBytes(length);
  return new Uint8Array([...bytes.subarray(0, at), ...inserted, ...bytes.subarray(at)]);
}

/** A real file's first bytes (its magic, its JSON opening) and then noise. */
function noiseAfterPrefix(bytes: Uint8Array, random: Random): Uint8Array {
  const keep = int(random, Math.min(bytes.length, 64) + 1);
  const noise = new Uint8Array(int(random, 4096));
  for (let i = 0; i < noise.length; i++) noise[i] = int(random, 256);
  return new Uint8Array([...bytes.subarray(0, keep), ...noise]);
}

const HUGE = [
  '1e308',
  '-1e308',
  '9007199254740993',
  '18446744073709551616',
  '1e21',
  '-1',
  '-0',
  '0.5',
  `1${'0'.repeat(400)}`,
  '"99999999999999999999"',
];
const WRONG = [
  'null',
  'true',
  '0',
  '""',
  '"x"',
  '[]',
  '{}',
  '[1,2]',
  '{"a":1}',
  '[[]]',
  '"otpauth://totp/x?secret=AAAA"',
];

function deep(random: Random): string {
  const depth = 2_000 + int(random, 40_000);
  return random() < 0.5
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Every path in a JSON value (breadth first, capped), to choose where a mutation lands. */
function pathsOf(value: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const queue: [unknown, (string | number)[]][] = [[value, []]];
  while (queue.length > 0 && out.length < 2_000) {
    const [node, path] = queue.shift()!;
    out.push(path);
    if (Array.isArray(node)) for (const [i, child] of node.entries()) queue.push([child, [...path, i]]);
    else if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) queue.push([child, [...path, key]]);
  }
  return out;
}

const MARK = '\u0000fuzz-mark\u0000';

/** The JSON text with the value at a random path replaced by `replacement` (raw JSON text). */
function replaceAt(json: unknown, random: Random, replacement: string): string {
  const paths = pathsOf(json);
  const path = pick(random, paths);
  if (path.length === 0) return replacement;
  const clone = structuredClone(json) as Record<string | number, unknown>;
  let node = clone;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = MARK;
  return JSON.stringify(clone).replace(JSON.stringify(MARK), replacement);
}

type Mutation = (bytes: Uint8Array, random: Random, json: unknown) => Uint8Array;

const jsonMutation =
  (make: (random: Random) => string): Mutation =>
  (bytes, random, json) =>
    json === undefined ? flipBits(bytes, random) : utf8(replaceAt(json, random, make(random)));

const MUTATIONS: Record<string, Mutation> = {
  truncate,
  flipBits,
  splice,
  noiseAfterPrefix,
  wrongType: jsonMutation((random) => pick(random, WRONG)),
  hugeNumber: jsonMutation((random) => pick(random, HUGE)),
  deepNesting: jsonMutation(deep),
  longString: jsonMutation((random) => JSON.stringify('A'.repeat(10_000 + int(random, 300_000)))),
};

function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

// ---- Running ----

interface Finding {
  seed: string;
  mutation: string;
  importer: string;
  problem: string;
}

/** The longest single read of the run, for the log. */
const slowest = { ms: 0 };

/** Detection by the registry and by each format alone, then every claiming importer's read. */
async function runOne(
  seed: Seed,
  bytes: Uint8Array,
  mutation: string,
  findings: Finding[],
  slow: Finding[],
  importers: readonly Importer[] = IMPORTERS,
) {
  const input = importInput(bytes);
  const report = (importer: string, problem: string) =>
    findings.push({ seed: seed.name, mutation, importer, problem });
  try {
    detectFormat(input);
  } catch (error) {
    report('detectFormat', String(error));
  }
  for (const format of UNREADABLE) {
    try {
      format.detect(input);
    } catch (error) {
      report(format.id, `detect threw ${error}`);
    }
  }
  for (const importer of importers) {
    let found: ReturnType<Importer['detect']>;
    try {
      found = importer.detect(input);
    } catch (error) {
      report(importer.id, `detect threw ${error}`);
      continue;
    }
    if (!found) continue;
    const started = process.cpuUsage();
    try {
      const read = await importer.read(
        input,
        found === 'encrypted' ? (seed.password ?? PASSWORD) : undefined,
      );
      for (const account of read.accounts) normalizeAccount(account);
    } catch (error) {
      if (!(error instanceof ImportError))
        report(
          importer.id,
          `${error instanceof Error ? error.name : typeof error}: ${String(error).slice(0, 200)}`,
        );
    }
    const spent = process.cpuUsage(started);
    const ms = (spent.user + spent.system) / 1000;
    slowest.ms = Math.max(slowest.ms, ms);
    if (ms > MAX_READ_MS)
      slow.push({ seed: seed.name, mutation, importer: importer.id, problem: `${Math.round(ms)} ms` });
  }
}

/** One line per importer and kind of problem, with its count and the first case that showed it. */
function summary(found: Finding[]): string[] {
  const groups = new Map<string, { count: number; first: Finding }>();
  for (const finding of found) {
    const key = `${finding.importer}: ${finding.problem.replace(/\d+ ms/, 'slow')}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, first: finding });
  }
  return [...groups].map(
    ([key, { count, first }]) =>
      `${key} (${count}×, first: ${first.mutation} of ${first.seed}, ${first.problem})`,
  );
}

/** Which importer claims an unmutated seed, and how reading it ends. */
async function readSeed(seed: Seed): Promise<{ claimedBy?: string; outcome: string }> {
  const input = importInput(seed.bytes);
  const found = detectFormat(input);
  if (found.kind !== 'importer') return { outcome: found.kind };
  try {
    await found.importer.read(input, found.encrypted ? (seed.password ?? PASSWORD) : undefined);
    return { claimedBy: found.importer.id, outcome: 'read' };
  } catch (error) {
    return {
      claimedBy: found.importer.id,
      outcome: error instanceof ImportError ? error.code : `threw ${error}`,
    };
  }
}

describe('every importer, fed 10,000 mutated files', () => {
  it('would notice an importer that throws something else, or reads an invalid account (self-check)', async () => {
    const claimAll = { id: 'probe', app: 'Probe', detect: () => 'plain' as const };
    const findings: Finding[] = [];
    const seed = { name: 'probe', bytes: utf8('x') };
    const broken: Importer[] = [
      { ...claimAll, read: async () => JSON.parse('{') },
      { ...claimAll, read: async () => ({ accounts: [{ ...base(0), digits: 99 }], skipped: [] }) },
      { ...claimAll, read: async () => Promise.reject(new ImportError('import-damaged', 'fine')) },
    ];
    await runOne(seed, seed.bytes, 'none', findings, [], broken);
    expect(findings.map((finding) => finding.problem.split(':')[0])).toEqual(['SyntaxError', 'OtpUriError']);
  });

  it('reads our own seeds with the importer each was made for', async () => {
    expect(IMPORTERS.length, 'importers are registered in importers.ts').toBeGreaterThan(0);
    const ids = new Set(IMPORTERS.map((importer) => importer.id));
    const wrong: string[] = [];
    for (const seed of await ownSeeds()) {
      if (!seed.expect || !ids.has(seed.expect)) continue;
      const { claimedBy, outcome } = await readSeed(seed);
      if (claimedBy !== seed.expect || outcome !== 'read')
        wrong.push(`${seed.name}: ${claimedBy} ${outcome}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives a result or an ImportError for each, within 1 s each', { timeout: 600_000 }, async () => {
    const seeds = [...(await ownSeeds()), ...sharedSeeds()];
    // A shared sample that is encrypted runs the app's real key derivation on every mutation that
    // keeps its header: those get a few mutations each, everything else shares the rest.
    const costly = seeds.map((seed) => seed.shared === true && isEncrypted(seed));
    const expensive = costly.filter(Boolean).length;
    const cheapShare = Math.floor((TOTAL - expensive * EXPENSIVE_SHARE) / (seeds.length - expensive));
    const shares = costly.map((yes) => (yes ? EXPENSIVE_SHARE : cheapShare));
    // The rounding remainder goes to the first cheap seed, so the total is exactly TOTAL.
    shares[costly.indexOf(false)]! += TOTAL - shares.reduce((a, b) => a + b, 0);

    const random = mulberry32(SEED);
    const names = Object.keys(MUTATIONS);
    const findings: Finding[] = [];
    const slow: Finding[] = [];
    let count = 0;
    const started = performance.now();
    for (const [i, seed] of seeds.entries()) {
      const json = jsonOf(seed.bytes);
      for (let n = 0; n < shares[i]!; n++) {
        const name = names[(n + i) % names.length]!;
        const bytes = MUTATIONS[name]!(seed.bytes, random, json);
        await runOne(seed, bytes, name, findings, slow);
        count++;
      }
    }
    console.info(
      `[import fuzz] ${count} mutated files from ${seeds.length} seeds (${expensive} with an app's real KDF, ` +
        `${EXPENSIVE_SHARE} each) in ${Math.round((performance.now() - started) / 1000)} s, slowest read (CPU) ` +
        `${Math.round(slowest.ms)} ms, seed ${SEED}`,
    );
    expect(count).toBe(TOTAL);
    expect(summary(findings), 'only ImportError may escape, and accounts must be valid').toEqual([]);
    expect(summary(slow), 'reads over 1 s').toEqual([]);
  });
});
