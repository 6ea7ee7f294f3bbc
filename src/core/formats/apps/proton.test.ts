import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { protonImporter } from './proton.ts';

const input = (text: string) => importInput(utf8(text));

async function readError(text: string): Promise<string> {
  try {
    await protonImporter.read(input(text));
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

const entry = (uri: string, name: string, note: string | null = null, type = 'Totp') => ({
  id: name,
  content: { uri, entry_type: type, name },
  note,
});
const exportOf = (entries: unknown[]) => JSON.stringify({ version: 1, entries });

describeSharedSamples({
  tag: 'proton',
  title: 'Proton Authenticator samples',
  importer: protonImporter,
  ours: (file) => file.includes('proton_authenticator'),
  files: ['aegis-samples/proton_authenticator.json'],
  mutations: 200,
  someStillRead: true,
});

describe('Proton Authenticator export', () => {
  it('reads TOTP, HOTP and Steam entries with the name the user sees and the note', async () => {
    const result = await protonImporter.read(
      input(
        exportOf([
          entry(
            'otpauth://totp/Acme:old?secret=JBSWY3DPEHPK3PXP&issuer=Acme&period=60',
            'renamed',
            'backup codes in drawer',
          ),
          entry('otpauth://hotp/Acme:h?secret=JBSWY3DPEHPK3PXP&issuer=Acme&counter=3', 'h'),
          entry('steam://JRZCL47CMXVOQMNPZR2F7J4RGI', 'gamer', null, 'Steam'),
        ]),
      ),
    );
    expect(result.skipped).toEqual([]);
    expect(
      result.accounts.map((a) => [a.type, a.issuer, a.label, a.period, a.digits, a.counter, a.notes]),
    ).toEqual([
      ['totp', 'Acme', 'renamed', 60, 6, 0, 'backup codes in drawer'],
      ['hotp', 'Acme', 'h', 30, 6, 3, undefined],
      ['steam', 'Steam', 'gamer', 30, 5, 0, undefined],
    ]);
  });

  it('skips MD5, unknown kinds and unreadable entries with their reasons', async () => {
    const result = await protonImporter.read(
      input(
        exportOf([
          entry('otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'md5'),
          entry('otpauth://yandex/A:a?secret=JBSWY3DPEHPK3PXP', 'yandex'),
          entry('https://example.com', 'link'),
          { id: 'x', content: 'nope' },
          entry('otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP', 'ok'),
        ]),
      ),
    );
    expect(result.accounts.map((a) => a.label)).toEqual(['ok']);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['md5', 'unsupported-algorithm'],
      ['yandex', 'unsupported-type'],
      ['link', 'bad-entry'],
      ['', 'bad-entry'],
    ]);
  });

  it('says an export without entries is empty and a cut-off one damaged', async () => {
    expect(await readError(exportOf([]))).toBe('import-empty');
    expect(
      await readError(exportOf([entry('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'a')]).slice(0, -2)),
    ).toBe('import-damaged');
  });

  it('leaves other JSON with entries alone', () => {
    expect(protonImporter.detect(input(JSON.stringify({ version: 1, entries: [{ uri: 'x' }] })))).toBe(false);
    expect(protonImporter.detect(input(JSON.stringify({ entries: [] })))).toBe(false);
  });
});
