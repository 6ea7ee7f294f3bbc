import { describe, expect, it } from 'vitest';
import {
  comparable,
  importerSamples,
  SAMPLES_DIR,
  SAMPLES_MISSING,
  sampleBytes,
} from '../../../../tests/support/importer-samples.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { otpauthListImporter as list } from './otpauth-list.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

if (!SAMPLES_DIR) console.warn(`[otpauth-list] ${SAMPLES_MISSING}`);

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

const MAIL = [
  'Hi Sam,',
  '',
  'Here are the keys you asked for:',
  '* Mail: otpauth://totp/Mail:sam?secret=JBSWY3DPEHPK3PXP&issuer=Mail',
  '* Old VPN: otpauth://totp/VPN:sam?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
  '* Yandex: otpauth://yandex/Yandex:sam?secret=JBSWY3DPEHPK3PXP',
  '* Wiki: otpauth://totp/Wiki:sam?secret=0000, sorry, that one got mangled.',
  '* Game: otpauth://steam/Steam:sam?secret=KRUGS4ZANFZSAYJA&issuer=Steam',
  'Bye!',
].join('\r\n');

describe('otpauth links made here', () => {
  it('detects text with at least one otpauth:// link, and nothing else', () => {
    expect(list.detect(input(MAIL))).toBe('plain');
    expect(list.detect(input('see OTPAUTH://TOTP/x?secret=JBSWY3DP'))).toBe('plain');
    expect(list.detect(input('otpauth-migration://offline?data=CgA'))).toBe(false);
    expect(list.detect(input('no links here, only otpauth: as a word'))).toBe(false);
    expect(list.detect(importInput(new Uint8Array([0, 1, 2, 255])))).toBe(false);
  });

  it('reads the links out of prose, says why each other link was left out, and ignores the prose', async () => {
    const result = await list.read(input(MAIL));
    expect(result.accounts.map((a) => [a.type, a.issuer, a.label, a.digits])).toEqual([
      ['totp', 'Mail', 'sam', 6],
      ['steam', 'Steam', 'sam', 5],
    ]);
    expect(result.skipped.map(({ name, reason, line }) => ({ name, reason, line }))).toEqual([
      { name: 'VPN (sam)', reason: 'unsupported-algorithm', line: 5 },
      { name: 'Yandex (sam)', reason: 'unsupported-type', line: 6 },
      { name: 'Wiki (sam)', reason: 'bad-line', line: 7 },
    ]);
    for (const skip of result.skipped) expect(skip.detail).toMatch(/^[A-Z]/);
  });

  it('calls a text with nothing to read empty', async () => {
    expect(await readError(list.read(input('# otpauth://totp/x?secret=JBSWY3DP\n\nhello')))).toBe(
      'import-empty',
    );
    expect(await readError(list.read(input('')))).toBe('import-empty');
  });

  it('gives an ImportError or a result for cut-off and bit-flipped lists', async () => {
    for (const bytes of mutatedCopies(utf8(MAIL), 400, 5)) {
      expect(await outcome(list, bytes)).toMatch(/^(result|import-)/);
    }
  });
});

describe.skipIf(!SAMPLES_DIR)('otpauth lists among ../shared/fixtures/importers', () => {
  const texts = importerSamples().filter((s) => s.file.endsWith('.txt'));

  it.each(texts.map((s) => [s.file, s] as const))(
    '%s imports to exactly its expected entries',
    async (_, sample) => {
      const file = importInput(sampleBytes(sample.file));
      expect(list.detect(file)).toBe('plain');
      const result = await list.read(file);
      expect(comparable(result.accounts)).toEqual(comparable(sample.expected));
      expect(result.skipped).toEqual([]);
      console.info(
        `[otpauth-list] ${sample.file}: ${result.accounts.length} of ${sample.expected.length} entries`,
      );
    },
  );

  it('claims exactly the samples that hold a link (the registry asks their own apps first)', () => {
    const all = importerSamples().map((s) => importInput(sampleBytes(s.file)));
    const claimed = all.filter((file) => list.detect(file) === 'plain');
    expect(claimed).toEqual(all.filter((file) => /otpauth:\/\//i.test(file.text)));
    expect(claimed.length).toBeLessThan(all.length);
  });
});
