import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { enteImporter } from './ente.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

const SAMPLE = 'aegis-samples/ente_auth.txt';
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

/** Ente's display settings as it appends them: URL-encoded JSON, last. */
const display = (extra: Record<string, unknown> = {}) =>
  `codeDisplay=${encodeURIComponent(
    JSON.stringify({ pinned: false, trashed: false, lastUsedAt: 0, tapCount: 0, tags: [], ...extra }),
  )}`;

const OWN_FILE = [
  `otpauth://totp/Mail:ann?secret=JBSWY3DPEHPK3PXP&issuer=Mail&algorithm=SHA1&digits=6&period=30&${display({ note: 'work phone & more', tags: ['a&b'] })}`,
  `otpauth://hotp/Bank:bob?algorithm=sha256&digits=8&issuer=Bank&period=30&secret=JBSWY3DPEHPK3PXP&counter=7&${display()}`,
  `otpauth://steam/Steam:cat?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30&${display({ trashed: true })}`,
  // Old Ente: a raw '#' in the name, "period" glued to the issuer, codeDisplay first.
  `otpauth://totp/Shop:dan#2?${display()}&secret=GEZDGNBVGY3TQOJQ&issuer=Shopperiod&digits=7`,
  '',
  '# a comment',
  `otpauth://totp/Old:eve?secret=JBSWY3DPEHPK3PXP&issuer=Old&algorithm=MD5&${display()}`,
  `otpauth://yandex/Yandex:fay?secret=JBSWY3DPEHPK3PXP&issuer=Yandex&${display()}`,
  `otpauth://totp/Typo:gus?secret=not-base32!&issuer=Typo&${display()}`,
  'this is not a link',
  `otpauth://totp/Bad%E0:hal?secret=JBSWY3DPEHPK3PXP&${display()}`,
  `otpauth://totp/Ugly:ida?secret=JBSWY3DPEHPK3PXP&issuer=Ugly&codeDisplay=%7Bbroken`,
].join('\n');

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
  asAccount({ type: 'totp', issuer: 'Shop', name: 'dan#2', secret: 'GEZDGNBVGY3TQOJQ', digits: 7 }),
  asAccount({ type: 'totp', issuer: 'Ugly', name: 'ida', secret: 'JBSWY3DPEHPK3PXP' }),
];

const OWN_SKIPPED = [
  { name: 'Old:eve', reason: 'unsupported-algorithm', line: 7 },
  { name: 'Yandex:fay', reason: 'unsupported-type', line: 8 },
  { name: 'Typo:gus', reason: 'bad-secret', line: 9 },
  { name: '', reason: 'bad-line', line: 10 },
  { name: 'Bad%E0:hal', reason: 'bad-line', line: 11 },
];

describeSharedSamples({
  tag: 'ente',
  title: 'Ente Auth sample from ../shared/fixtures/importers',
  importer: enteImporter,
  ours: (file) => file === SAMPLE,
  files: [SAMPLE],
  mutations: 300,
  // The plain otpauth lists look most like Ente's.
  othersInclude: ['aegis-samples/plain.txt'],
  check: (result) => {
    // The WWE quirks.
    const wwe = result.accounts.find((a) => a.issuer === 'WWE');
    expect(wwe).toMatchObject({ type: 'hotp', algorithm: 'SHA512', counter: 10300 });
  },
});

describe('Ente Auth files made here', () => {
  it('reads links past Ente’s quirks, keeps notes, and skips what it cannot use by line', async () => {
    const file = input(OWN_FILE);
    expect(enteImporter.detect(file)).toBe('plain');
    const result = await enteImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable(OWN_ACCOUNTS));
    expect(result.accounts.find((a) => a.label === 'ann')?.notes).toBe('work phone & more');
    expect(result.accounts.find((a) => a.label === 'bob')?.notes).toBeUndefined();
    expect(result.skipped.map(({ name, reason, line }) => ({ name, reason, line }))).toEqual(OWN_SKIPPED);
  });

  it('reads Windows line ends and a byte order mark', async () => {
    const result = await enteImporter.read(
      input(`\uFEFF${OWN_FILE.split('\n').slice(0, 3).join('\r\n')}\r\n`),
    );
    expect(result.accounts.map((a) => a.label)).toEqual(['ann', 'bob', 'cat']);
  });

  it('calls a file of nothing but blank lines empty', async () => {
    expect(await readError(enteImporter.read(input('\n\n# nothing\n')))).toBe('import-empty');
  });

  it('detects by Ente’s marker on a link, and nothing else', () => {
    expect(enteImporter.detect(input('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n'))).toBe(false);
    expect(enteImporter.detect(input('{"uri":"otpauth://totp/a?secret=A&codeDisplay=%7B%7D"}'))).toBe(false);
    expect(enteImporter.detect(input('notes: codeDisplay=1\n'))).toBe(false);
    expect(enteImporter.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    for (const bytes of mutatedCopies(utf8(OWN_FILE), 300, 7)) {
      expect(await outcome(enteImporter, bytes)).toMatch(/^(result|import-)/);
    }
  });
});
