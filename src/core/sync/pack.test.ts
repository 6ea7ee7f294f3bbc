import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataKey, seal } from '../crypto/aead.ts';
import { fromBase64Url, toBase64Url } from '../crypto/base64url.ts';
import { utf8 } from '../crypto/bytes.ts';
import {
  BUCKET_COUNT,
  BUCKET_PLAIN_MAX,
  BUCKET_PREFIX,
  bucketOf,
  bucketsOf,
  compress,
  decodeEntries,
  decompress,
  encodeEntries,
  itemBytes,
  openBucket,
  type PackResult,
  packBuckets,
  SYNC_QUOTA,
  sealBucket,
} from './pack.ts';
import type { SyncEntry, SyncedAccount } from './types.ts';

// Written here rather than borrowed from pack.ts, so a bug there cannot hide in the expectations.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= 0xff;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Seeded, so the capacity logged is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const randomOf =
  (rng: () => number) =>
  (length: number): Uint8Array =>
    Uint8Array.from({ length }, () => Math.floor(rng() * 256));

const D1 = '0a1b2c3d';
const D2 = 'ffee0011';
const D3 = '12345678';
const KEY_ID = 'salt-id-1';

function account(overrides: Partial<SyncedAccount> = {}): SyncedAccount {
  return {
    type: 'totp',
    issuer: 'GitHub',
    label: 'ada@example.org',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [],
    updatedAt: 1_700_000_000,
    ...overrides,
  };
}

const HAND_WRITTEN: SyncEntry[] = [
  {
    syncId: '00112233aabb',
    vv: { [D1]: 3, [D2]: 1, [D3]: 2 ** 40 },
    account: account({
      sites: ['https://github.com', 'github.com', 'https://gist.github.com:8443'],
      notes: ' Backup phone: drawer\nsecond line, ünïcödé 🗝️\n',
      recoveryCodes: [
        { code: 'abcd-efgh', used: false },
        { code: 'ijkl-mnop', used: true },
        { code: '', used: true },
      ],
    }),
  },
  {
    syncId: 'ffffffffffff',
    vv: { [D2]: 7 },
    account: account({
      type: 'hotp',
      algorithm: 'SHA256',
      digits: 8,
      counter: Number.MAX_SAFE_INTEGER,
      issuer: '',
      label: '',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      updatedAt: 1_600_000_000,
    }),
  },
  {
    syncId: '0123456789ab',
    vv: { [D1]: 1 },
    account: account({ type: 'steam', digits: 5, issuer: 'Steam', label: 'gabe', updatedAt: 1_800_000_123 }),
  },
  {
    syncId: 'a1b2c3d4e5f6',
    vv: { [D3]: 0 },
    account: account({
      algorithm: 'SHA512',
      digits: 7,
      period: 60,
      // The leading U+FEFF is there on purpose: a default TextDecoder would eat it.
      issuer: '\uFEFF学校 — Ελληνικά',
      label: 'e\u0301mile 👩‍👩‍👧 @ école ',
      secret: 'A',
      notes: '',
      recoveryCodes: [],
    }),
  },
  { syncId: 'abcdefabcdef', vv: { [D1]: 4, [D2]: 5 }, account: account({ secret: 'MZXW6' }) },
  { syncId: 'deadbeef0000', vv: { [D1]: 9, [D2]: 2 }, deletedAt: 1_700_000_500 },
  { syncId: 'deadbeef0001', vv: {} },
  {
    syncId: 'deadbeef0002',
    vv: { [D2]: 1 },
    deletedAt: 0,
    account: account({ secret: 'ABC', updatedAt: 5 }),
  },
];

describe('encodeEntries / decodeEntries', () => {
  it('round-trips every field exactly', () => {
    const bytes = encodeEntries(HAND_WRITTEN);
    const decoded = decodeEntries(bytes);
    expect(decoded).toStrictEqual(HAND_WRITTEN);
    expect(encodeEntries(decoded!)).toStrictEqual(bytes);
    expect(decodeEntries(encodeEntries([]))).toStrictEqual([]);
  });

  it('round-trips base32 secrets of every length, whole bytes or not', () => {
    for (let length = 0; length <= 40; length++) {
      const secret = ALPHABET.repeat(2).slice(7, 7 + length);
      const entries = [{ syncId: '000000000001', vv: {}, account: account({ secret }) }];
      expect(decodeEntries(encodeEntries(entries))).toStrictEqual(entries);
    }
  });

  it('is compact: a typical account costs well under 100 bytes before compression', () => {
    const typical: SyncEntry = {
      syncId: '0123456789ab',
      vv: { [D1]: 3, [D2]: 12 },
      account: account({
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        issuer: 'Microsoft',
        label: 'ada.lovelace@school.example',
      }),
    };
    const one = encodeEntries([typical]).length;
    const two = encodeEntries([typical, { ...typical, syncId: '0123456789ac' }]).length;
    // 6 id + 5 vv + 1 flags + 1 kind + 2 period/counter + 21 secret + 38 names + 1 time offset.
    expect(two - one).toBe(75);
  });

  it('refuses what it could not give back', () => {
    const ok = HAND_WRITTEN[0]!;
    const bad: unknown[] = [
      { ...ok, syncId: '00112233AABB' },
      { ...ok, syncId: '00112233aab' },
      { ...ok, vv: { ABCDEF01: 1 } },
      { ...ok, vv: { [D1]: 1.5 } },
      { ...ok, vv: { [D1]: -1 } },
      { ...ok, deletedAt: 2 ** 53 },
      { ...ok, extra: 1 },
      { ...ok, account: { ...ok.account, secret: 'jbswy3dp' } },
      { ...ok, account: { ...ok.account, secret: 'JBSWY3DP====' } },
      { ...ok, account: { ...ok.account, label: 'lone \uD800 surrogate' } },
      { ...ok, account: { ...ok.account, notes: '\uDC00' } },
      { ...ok, account: { ...ok.account, type: 'motp' } },
      { ...ok, account: { ...ok.account, algorithm: 'MD5' } },
      { ...ok, account: { ...ok.account, digits: 0 } },
      { ...ok, account: { ...ok.account, digits: 16 } },
      { ...ok, account: { ...ok.account, period: 0.5 } },
      { ...ok, account: { ...ok.account, updatedAt: -1 } },
      { ...ok, account: { ...ok.account, order: 3 } },
      { ...ok, account: { ...ok.account, sites: 'github.com' } },
      { ...ok, account: { ...ok.account, recoveryCodes: [{ code: 'x', used: 1 }] } },
      { ...ok, account: { ...ok.account, recoveryCodes: [{ code: 'x', used: false, at: 1 }] } },
    ];
    for (const entry of bad)
      expect(() => encodeEntries([entry as SyncEntry]), JSON.stringify(entry)).toThrow(TypeError);
    // An optional field set to undefined is just absent.
    expect(() => encodeEntries([{ ...ok, deletedAt: undefined }])).not.toThrow();
  });

  it('rejects every truncation, trailing bytes and an unknown format', () => {
    const bytes = encodeEntries(HAND_WRITTEN);
    for (let length = 0; length < bytes.length; length++) {
      expect(decodeEntries(bytes.subarray(0, length)), `length ${length}`).toBeUndefined();
    }
    expect(decodeEntries(Uint8Array.of(...bytes, 0))).toBeUndefined();
    expect(decodeEntries(Uint8Array.of(2, ...bytes.subarray(1)))).toBeUndefined();
  });

  it('rejects forged counts without allocating for them', () => {
    // Format, no devices, time base 0, then an entry count of 2^53-1.
    const forged = Uint8Array.of(1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f);
    expect(decodeEntries(forged)).toBeUndefined();
    // A device count of 2^35 with nothing behind it.
    expect(decodeEntries(Uint8Array.of(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01))).toBeUndefined();
  });

  it('never throws on random bytes, and accepts a changed byte only as a different list it re-encodes to', () => {
    const entryArb = fc.record({
      syncId: fc.uint8Array({ minLength: 6, maxLength: 6 }).map(hex),
      vv: fc.dictionary(fc.constantFrom(D1, D2, D3), fc.nat({ max: 300 })),
      account: fc.constant(
        account({ notes: 'n', recoveryCodes: [{ code: 'c', used: true }], sites: ['a.example'] }),
      ),
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoded = decodeEntries(bytes);
        if (decoded !== undefined) expect(encodeEntries(decoded)).toStrictEqual(bytes);
      }),
      { seed: 17, numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (entries, at, value) => {
          const bytes = encodeEntries(entries);
          const changed = bytes.slice();
          changed[at % bytes.length] = value;
          const decoded = decodeEntries(changed);
          if (decoded !== undefined) expect(encodeEntries(decoded)).toStrictEqual(changed);
        },
      ),
      { seed: 18, numRuns: 1000 },
    );
  });
});

describe('compress / decompress', () => {
  it('round-trips', async () => {
    const bytes = encodeEntries(HAND_WRITTEN);
    const packed = await compress(bytes);
    expect(await decompress(packed, bytes.length)).toStrictEqual(bytes);
    expect(await decompress(await compress(new Uint8Array(0)), 0)).toStrictEqual(new Uint8Array(0));
  });

  it('stops a zip bomb at maxBytes', async () => {
    const bomb = await compress(new Uint8Array(8 << 20));
    expect(bomb.length).toBeLessThan(16_384);
    expect(await decompress(bomb, BUCKET_PLAIN_MAX)).toBeUndefined();
    expect((await decompress(bomb, 8 << 20))?.length).toBe(8 << 20);
  });

  it('gives undefined for corrupt input', async () => {
    const packed = await compress(encodeEntries(HAND_WRITTEN));
    expect(await decompress(packed.subarray(0, packed.length - 3), BUCKET_PLAIN_MAX)).toBeUndefined();
    expect(await decompress(Uint8Array.of(0xff, 0xff, 0xff), BUCKET_PLAIN_MAX)).toBeUndefined();
  });
});

describe('sealBucket / openBucket', () => {
  let key: CryptoKey;
  let value: string;
  beforeAll(async () => {
    key = await generateDataKey();
    value = await sealBucket(key, KEY_ID, HAND_WRITTEN);
  });

  it('round-trips, with a fresh IV each time', async () => {
    expect(await openBucket(key, KEY_ID, value)).toStrictEqual({ ok: true, entries: HAND_WRITTEN });
    expect(await sealBucket(key, KEY_ID, HAND_WRITTEN)).not.toBe(value);
  });

  it('calls an item it cannot verify foreign', async () => {
    const bytes = fromBase64Url(value)!;
    for (const at of [0, 11, 12, bytes.length - 1]) {
      const flipped = bytes.slice();
      flipped[at]! ^= 0x20;
      expect(await openBucket(key, KEY_ID, toBase64Url(flipped)), `byte ${at}`).toStrictEqual({
        ok: false,
        problem: 'foreign',
      });
    }
    // Cut on a byte boundary the value is still canonical base64url, so only the tag catches it.
    const truncated = toBase64Url(bytes.subarray(0, bytes.length - 3));
    expect(await openBucket(key, KEY_ID, truncated)).toStrictEqual({ ok: false, problem: 'foreign' });
    expect(await openBucket(await generateDataKey(), KEY_ID, value)).toStrictEqual({
      ok: false,
      problem: 'foreign',
    });
    expect(await openBucket(key, 'salt-id-2', value)).toStrictEqual({ ok: false, problem: 'foreign' });
  });

  it('calls an item that is not ours to read damaged', async () => {
    const tooShort = toBase64Url(fromBase64Url(value)!.subarray(0, 27));
    for (const bad of [
      '',
      'not base64!',
      `${value}=`,
      value.slice(0, 37),
      tooShort,
      42 as unknown as string,
    ]) {
      const opened = await openBucket(key, KEY_ID, bad);
      expect(opened, String(bad).slice(0, 40)).toStrictEqual({ ok: false, problem: 'damaged' });
    }
  });

  it('calls a verified payload that does not decompress or decode damaged', async () => {
    const aad = utf8(`tweestap/sync/1/${KEY_ID}`);
    const sealRaw = async (plain: Uint8Array) => {
      const { iv, ct } = await seal(key, Uint8Array.from(plain), aad);
      return toBase64Url(Uint8Array.of(...iv, ...ct));
    };
    const notDeflate = await sealRaw(Uint8Array.of(0xff, 0xff, 0xff));
    const notEntries = await sealRaw(await compress(Uint8Array.of(1, 2, 3)));
    const bomb = await sealRaw(await compress(new Uint8Array(BUCKET_PLAIN_MAX + 1)));
    const fits = await sealRaw(await compress(encodeEntries(HAND_WRITTEN)));
    for (const item of [notDeflate, notEntries, bomb]) {
      expect(await openBucket(key, KEY_ID, item)).toStrictEqual({ ok: false, problem: 'damaged' });
    }
    expect((await openBucket(key, KEY_ID, fits)).ok).toBe(true);
  });
});

describe('bucketOf / bucketsOf', () => {
  it('is pinned: changing the hash would move every account at once', () => {
    const ids = [
      '000000000000',
      'ffffffffffff',
      '0123456789ab',
      'deadbeefcafe',
      'a1b2c3d4e5f6',
      '9f8e7d6c5b4a',
    ];
    expect(ids.map(bucketOf)).toStrictEqual([13, 14, 13, 10, 10, 6]);
  });

  it('spreads random ids evenly', () => {
    const counts = new Array(BUCKET_COUNT).fill(0);
    for (const id of fc.sample(fc.uint8Array({ minLength: 6, maxLength: 6 }).map(hex), {
      seed: 5,
      numRuns: 1000,
    })) {
      const bucket = bucketOf(id);
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKET_COUNT).toBe(true);
      counts[bucket]++;
    }
    for (const count of counts) expect(count).toBeGreaterThanOrEqual(30);
    for (const count of counts) expect(count).toBeLessThanOrEqual(100);
  });

  it('groups by bucket in syncId order and refuses duplicates', () => {
    const buckets = bucketsOf([...HAND_WRITTEN].reverse());
    expect(buckets).toHaveLength(BUCKET_COUNT);
    expect(buckets.flat()).toHaveLength(HAND_WRITTEN.length);
    buckets.forEach((list, bucket) => {
      for (const entry of list) expect(bucketOf(entry.syncId)).toBe(bucket);
      expect(list.map((e) => e.syncId)).toStrictEqual(list.map((e) => e.syncId).sort());
    });
    expect(() => bucketsOf([HAND_WRITTEN[0]!, HAND_WRITTEN[0]!])).toThrow(TypeError);
  });
});

function slim(entry: SyncEntry): SyncEntry {
  const { notes: _n, recoveryCodes: _r, ...rest } = entry.account!;
  return { ...entry, account: rest };
}

/** Everything a PackResult promises, checked against the entries it was given. */
async function checkPack(key: CryptoKey, entries: readonly SyncEntry[], budget: number, result: PackResult) {
  const names = Array.from({ length: BUCKET_COUNT }, (_, i) => `${BUCKET_PREFIX}${i}`);
  expect(Object.keys(result.items).sort()).toStrictEqual(names.sort());
  expect(Object.keys(result.items).length).toBeLessThanOrEqual(SYNC_QUOTA.maxItems);
  let total = 0;
  for (const [name, value] of Object.entries(result.items)) {
    expect(itemBytes(name, value)).toBeLessThanOrEqual(SYNC_QUOTA.itemBytes);
    total += itemBytes(name, value);
  }
  expect(result.bytes).toBe(total);
  expect(total).toBeLessThanOrEqual(budget);

  const left = new Set(result.left);
  const slimmed = new Set(result.slimmed);
  expect(left.size).toBe(result.left.length);
  expect(slimmed.size).toBe(result.slimmed.length);
  const byId = new Map(entries.map((e) => [e.syncId, e]));
  for (const id of [...left, ...slimmed]) expect(byId.has(id)).toBe(true);
  for (const id of slimmed) {
    expect(left.has(id)).toBe(false);
    const account = byId.get(id)!.account;
    expect(account?.notes !== undefined || account?.recoveryCodes !== undefined).toBe(true);
  }
  const expected = entries
    .filter((e) => !left.has(e.syncId))
    .map((e) => (slimmed.has(e.syncId) ? slim(e) : e));
  const expectedBuckets = bucketsOf(expected);
  expect(result.buckets).toStrictEqual(expectedBuckets);
  const kept: string[] = [];
  for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
    const opened = await openBucket(key, KEY_ID, result.items[`${BUCKET_PREFIX}${bucket}`]!);
    expect(opened).toStrictEqual({ ok: true, entries: expectedBuckets[bucket] });
    if (opened.ok) kept.push(...opened.entries.map((e) => e.syncId));
  }
  // Left and kept partition the input: nothing is lost silently.
  expect(kept.length + left.size).toBe(entries.length);
  expect(new Set([...kept, ...left])).toStrictEqual(new Set(byId.keys()));
}

const ISSUERS = [
  'GitHub',
  'Google',
  'Microsoft',
  'Dropbox',
  'Amazon Web Services',
  'Proton',
  'Discord',
  'Nextcloud',
];
const NAMES = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald', 'margaret', 'ken', 'dennis', 'frances'];

/** 20-byte secret, issuer + label 30 characters, no notes or sites, 2 computers in its version vector. */
function typicalEntries(count: number, seed = 1): SyncEntry[] {
  const random = randomOf(mulberry32(seed));
  return Array.from({ length: count }, (_, i) => {
    const issuer = ISSUERS[i % ISSUERS.length]!;
    const label = `${NAMES[(i * 7) % NAMES.length]}${i}@school.example`
      .padEnd(30, '.')
      .slice(0, 30 - issuer.length);
    const [a = 0, b = 0, c = 0] = random(3);
    return {
      syncId: hex(random(6)),
      vv: { [D1]: 1 + (a % 5), [D2]: b % 3 },
      account: account({
        issuer,
        label,
        secret: base32(random(20)),
        updatedAt: 1_700_000_000 + c * 120_000 + i,
      }),
    };
  });
}

/** Code point ranges names are drawn from: ASCII, Latin, combining marks, Greek, CJK, astral emoji. */
const RANGES: readonly [number, number][] = [
  [0x20, 0x7e],
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x300, 0x36f],
  [0x370, 0x3ff],
  [0x4e00, 0x9fff],
  [0x1f300, 0x1faff],
];

interface Mix {
  count: number;
  seed: number;
  /** Shares of accounts with notes, with notes of thousands of characters, with recovery codes; share of tombstones. */
  notes: number;
  bigNotes: number;
  codes: number;
  tombstones: number;
}

function randomEntries({ count, seed, notes, bigNotes, codes, tombstones }: Mix): SyncEntry[] {
  const rng = mulberry32(seed);
  const random = randomOf(rng);
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const text = (maxLength: number) => {
    let out = '';
    for (let n = int(0, maxLength); n > 0; n--) {
      const [low, high] = pick(RANGES);
      out += String.fromCodePoint(int(low, high));
    }
    return out;
  };
  const ascii = (length: number) => String.fromCharCode(...Array.from({ length }, () => int(0x20, 0x7e)));
  const ids = new Set<string>();
  while (ids.size < count) ids.add(hex(random(6)));
  return [...ids].map((syncId): SyncEntry => {
    const vv: Record<string, number> = {};
    for (const device of [D1, D2, D3].slice(0, int(1, 3))) vv[device] = int(1, 50);
    if (rng() < tombstones) return { syncId, vv, deletedAt: int(1_600_000_000, 1_800_000_000) };
    const type = pick(['totp', 'hotp', 'steam'] as const);
    const live: SyncedAccount = account({
      type,
      algorithm: pick(['SHA1', 'SHA256', 'SHA512'] as const),
      digits: type === 'steam' ? 5 : int(6, 8),
      period: pick([30, 30, 60, 15]),
      counter: type === 'hotp' ? int(0, 100_000) : 0,
      secret: base32(random(int(10, 40))),
      issuer: text(20),
      label: text(30),
      sites: Array.from(
        { length: int(0, 2) },
        () => `https://${ascii(int(3, 12)).replace(/[^a-z]/gi, 'x')}.example`,
      ),
      updatedAt: int(1_600_000_000, 1_800_000_000),
    });
    if (rng() < notes) live.notes = rng() < bigNotes ? ascii(int(500, 6_000)) : text(80);
    if (rng() < codes) {
      live.recoveryCodes = Array.from({ length: int(0, 10) }, () => ({
        code: ascii(int(8, 12)),
        used: rng() < 0.3,
      }));
    }
    return { syncId, vv, account: live };
  });
}

describe('packBuckets', () => {
  let key: CryptoKey;
  beforeAll(async () => {
    key = await generateDataKey();
  });

  it('writes every bucket, an empty one too', async () => {
    const result = await packBuckets(key, KEY_ID, []);
    await checkPack(key, [], SYNC_QUOTA.totalBytes, result);
    expect(result.left).toStrictEqual([]);
    expect(result.bytes).toBeLessThan(1_000);
  });

  it('keeps within the quota and loses nothing silently, for any accounts', async () => {
    // fast-check picks the shape; a seeded generator fills in up to 2,000 accounts, which keeps
    // each run quick (shrinking a 2,000-long array element by element would be useless anyway).
    const shape = fc.record({
      count: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.constant(2_000)),
      seed: fc.integer(),
      notes: fc.double({ min: 0, max: 1, noNaN: true }),
      bigNotes: fc.double({ min: 0, max: 0.2, noNaN: true }),
      codes: fc.double({ min: 0, max: 1, noNaN: true }),
      tombstones: fc.double({ min: 0, max: 0.3, noNaN: true }),
      budget: fc.oneof(
        fc.constant(SYNC_QUOTA.totalBytes - 1_000),
        fc.integer({ min: 3_000, max: SYNC_QUOTA.totalBytes }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(shape, async ({ budget, ...mix }) => {
        const entries = randomEntries(mix);
        await checkPack(key, entries, budget, await packBuckets(key, KEY_ID, entries, budget));
      }),
      { seed: 42, numRuns: 20 },
    );
  }, 120_000);

  it('fits 1,000 typical accounts whole', async () => {
    const entries = typicalEntries(1_000);
    const empty = (await packBuckets(key, KEY_ID, [])).bytes;
    const result = await packBuckets(key, KEY_ID, entries);
    expect(result.left).toStrictEqual([]);
    expect(result.slimmed).toStrictEqual([]);
    await checkPack(key, entries, SYNC_QUOTA.totalBytes, result);
    console.log(
      `sync: 1,000 typical accounts use ${result.bytes} bytes, ${((result.bytes - empty) / 1_000).toFixed(1)} per account ` +
        `(+${empty} for ${BUCKET_COUNT} empty buckets); raw ${(encodeEntries(entries).length / 1_000).toFixed(1)} per account`,
    );

    let fits = 1_000;
    for (let count = 1_050; ; count += 50) {
      const attempt = await packBuckets(key, KEY_ID, typicalEntries(count));
      if (attempt.left.length > 0 || attempt.slimmed.length > 0) {
        console.log(
          `sync: ${fits} typical accounts fit whole; at ${count}, ${attempt.left.length} are left out`,
        );
        break;
      }
      fits = count;
    }
    expect(fits).toBeGreaterThanOrEqual(1_000);
  }, 60_000);

  /** syncIds that all land in one bucket, so one item's limit can be tested. */
  function idsInBucket(bucket: number, count: number): string[] {
    const ids: string[] = [];
    for (let i = 0; ids.length < count; i++) {
      const id = i.toString(16).padStart(12, '0');
      if (bucketOf(id) === bucket) ids.push(id);
    }
    return ids;
  }
  const noise = (length: number, seed: number) => base32(randomOf(mulberry32(seed))(length)).slice(0, length);

  it('slims the largest notes in an item over its limit, and nothing else', async () => {
    const [big, medium, small] = idsInBucket(3, 3) as [string, string, string];
    const [elsewhere] = idsInBucket(4, 1) as [string];
    const entries: SyncEntry[] = [
      { syncId: big, vv: { [D1]: 1 }, account: account({ notes: noise(7_000, 1) }) },
      { syncId: medium, vv: { [D1]: 1 }, account: account({ notes: noise(4_000, 2) }) },
      {
        syncId: small,
        vv: { [D1]: 1 },
        account: account({ recoveryCodes: [{ code: noise(10, 3), used: false }] }),
      },
      { syncId: elsewhere, vv: { [D1]: 1 }, account: account({ notes: noise(7_000, 4) }) },
    ];
    const result = await packBuckets(key, KEY_ID, entries);
    expect(result.slimmed).toStrictEqual([big]);
    expect(result.left).toStrictEqual([]);
    await checkPack(key, entries, SYNC_QUOTA.totalBytes, result);
  });

  it('slims the largest first to meet the total budget', async () => {
    const entries: SyncEntry[] = [1_000, 4_000, 2_000, 3_000].map((size, i) => ({
      syncId: `00000000000${i}`,
      vv: { [D1]: 1 },
      account: account({ notes: noise(size, i) }),
    }));
    const whole = (await packBuckets(key, KEY_ID, entries)).bytes;
    // Room for everything but the largest note.
    const result = await packBuckets(key, KEY_ID, entries, whole - 2_000);
    expect(result.slimmed).toStrictEqual(['000000000001']);
    expect(result.left).toStrictEqual([]);
    await checkPack(key, entries, whole - 2_000, result);
  });

  it('slims notes that compress into an item but would open past BUCKET_PLAIN_MAX', async () => {
    const entries: SyncEntry[] = [
      { syncId: '00000000aaaa', vv: { [D1]: 1 }, account: account({ notes: 'a'.repeat(BUCKET_PLAIN_MAX) }) },
    ];
    const result = await packBuckets(key, KEY_ID, entries);
    expect(result.slimmed).toStrictEqual(['00000000aaaa']);
    await checkPack(key, entries, SYNC_QUOTA.totalBytes, result);
  });

  it('leaves out an account too big for an item even slim, and keeps its neighbours whole', async () => {
    const [huge, neighbour] = idsInBucket(7, 2) as [string, string];
    const entries: SyncEntry[] = [
      { syncId: huge, vv: { [D1]: 1 }, account: account({ label: noise(12_000, 5), notes: 'n' }) },
      { syncId: neighbour, vv: { [D1]: 1 }, account: account({ notes: 'keep me' }) },
    ];
    const result = await packBuckets(key, KEY_ID, entries);
    expect(result.left).toStrictEqual([huge]);
    expect(result.slimmed).toStrictEqual([]);
    await checkPack(key, entries, SYNC_QUOTA.totalBytes, result);
  });

  it('leaves out tombstones (oldest first), then the newest accounts', async () => {
    const live = typicalEntries(1_200, 9);
    const tombstones: SyncEntry[] = Array.from({ length: 30 }, (_, i) => ({
      syncId: `ee00000000${i.toString(16).padStart(2, '0')}`,
      vv: { [D1]: 2 },
      deletedAt: 1_700_000_000 + i * 1000,
    }));
    const entries = [...live, ...tombstones];

    const whole = await packBuckets(key, KEY_ID, entries);
    expect(whole.left).toStrictEqual([]);
    const fewTombstones = await packBuckets(key, KEY_ID, entries, whole.bytes - 60);
    await checkPack(key, entries, whole.bytes - 60, fewTombstones);
    expect(fewTombstones.left.length).toBeGreaterThan(0);
    expect(fewTombstones.left.length).toBeLessThan(30);
    const leftTimes = fewTombstones.left.map((id) => tombstones.find((t) => t.syncId === id)!.deletedAt!);
    const keptTimes = tombstones
      .filter((t) => !fewTombstones.left.includes(t.syncId))
      .map((t) => t.deletedAt!);
    expect(Math.max(...leftTimes)).toBeLessThan(Math.min(...keptTimes));

    const result = await packBuckets(key, KEY_ID, entries, 60_000);
    await checkPack(key, entries, 60_000, result);
    const left = new Set(result.left);
    for (const tombstone of tombstones) expect(left.has(tombstone.syncId)).toBe(true);
    const updated = (kept: boolean) =>
      live.filter((e) => left.has(e.syncId) !== kept).map((e) => e.account!.updatedAt);
    expect(updated(false).length).toBeGreaterThan(0);
    expect(Math.min(...updated(false))).toBeGreaterThan(Math.max(...updated(true)));
  }, 30_000);

  it('is deterministic', async () => {
    const entries = typicalEntries(1_500, 3);
    const a = await packBuckets(key, KEY_ID, entries, 70_000);
    const b = await packBuckets(key, KEY_ID, [...entries].reverse(), 70_000);
    expect(b.left).toStrictEqual(a.left);
    expect(b.buckets).toStrictEqual(a.buckets);
    expect(b.bytes).toBe(a.bytes);
  });

  it('refuses a budget that cannot hold even empty buckets, and duplicate ids', async () => {
    await expect(packBuckets(key, KEY_ID, typicalEntries(3), 100)).rejects.toThrow(RangeError);
    const [one] = typicalEntries(1);
    await expect(packBuckets(key, KEY_ID, [one!, one!])).rejects.toThrow(TypeError);
  });
});
