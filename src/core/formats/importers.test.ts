import { describe, expect, it } from 'vitest';
import {
  comparable,
  importerSamples,
  SAMPLES_DIR,
  SAMPLES_MISSING,
  sampleBytes,
} from '../../../tests/support/importer-samples.ts';
import { detectFormat, IMPORTERS, importInput, readableApps, UNREADABLE } from './importers.ts';
import { otpauthList } from './otpauth-list.ts';

/** Which format each sample is, by its file name: detection itself must find the same by content. */
const FORMAT_OF: [RegExp, string][] = [
  [/^aegis-samples\/plain\.txt$/, 'otpauth-list'],
  [/aegis_/, 'aegis'],
  [/andotp_/, 'andotp'],
  [/2fas_/, 'twofas'],
  [/totp_authenticator/, 'totp-authenticator'],
  [/stratum_internal\.db$/, 'stratum_database'],
  [/stratum_/, 'stratum'],
  [/authy_/, 'authy'],
  [/battle_net/, 'battle-net'],
  [/bitwarden/, 'bitwarden'],
  [/freeotp/, 'freeotp'],
  [/google_authenticator\.sqlite$/, 'google_authenticator'],
  [/microsoft_authenticator\.sqlite$/, 'microsoft_authenticator'],
  [/steam/, 'steam'],
  [/authenticator_plus\.zip$/, 'authenticator_plus'],
  [/duo\.json$/, 'duo'],
  [/ente_auth/, 'ente'],
  [/proton_/, 'proton'],
  // A list of links does not say which app wrote it: the extension's text backups are plain lists.
  [/authenticator-ext-samples\/.*\.txt$/, 'otpauth-list'],
  [/authenticator-ext-samples\//, 'authenticator-ext'],
];

const formatOf = (file: string) => FORMAT_OF.find(([pattern]) => pattern.test(file))?.[1];
const unreadableIds = new Set(UNREADABLE.map((format) => format.id));

if (!SAMPLES_DIR) console.log(SAMPLES_MISSING);

describe.skipIf(!SAMPLES_DIR)('every shared sample, through detection and the registry', () => {
  // Not a backup but a list of the extension's own test inputs, each read on its own in
  // apps/authenticator-ext.test.ts.
  const inputsNotBackups = /upstream-storage-edge-cases\.json$/;
  for (const sample of importerSamples().filter((s) => !inputsNotBackups.test(s.file))) {
    const want = formatOf(sample.file);
    it(`${sample.file}: ${want} → ${sample.expected.length} entries`, async () => {
      expect(want, 'the test knows this sample').toBeDefined();
      const detected = detectFormat(importInput(sampleBytes(sample.file)));
      if (unreadableIds.has(want!)) {
        expect(detected.kind === 'unreadable' && detected.format.id).toBe(want);
        return;
      }
      expect(detected.kind === 'importer' && detected.importer.id).toBe(want);
      if (detected.kind !== 'importer') return;
      expect(detected.encrypted).toBe(sample.encrypted);
      const read = await detected.importer.read(
        importInput(sampleBytes(sample.file)),
        detected.encrypted ? sample.password : undefined,
      );
      expect(comparable(read.accounts)).toEqual(comparable(sample.expected));
    });
  }
});

describe('the registry', () => {
  it('has one importer per id and reads at least 14 apps', () => {
    const ids = IMPORTERS.map((importer) => importer.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(readableApps().length).toBeGreaterThanOrEqual(14);
  });

  it('finds our own otpauth list by content, whatever the file was called', async () => {
    const text = otpauthList([
      {
        type: 'totp',
        issuer: 'Schoolportaal',
        label: 'juf.anna@school.test',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ]);
    const detected = detectFormat(importInput(new TextEncoder().encode(`My accounts:\n${text}`)));
    expect(detected.kind === 'importer' && detected.importer.id).toBe('otpauth-list');
  });

  it('knows nothing of a file that is no export at all', () => {
    const detected = detectFormat(
      importInput(new TextEncoder().encode('Dear colleague, the meeting is at 3.')),
    );
    expect(detected.kind).toBe('unknown');
  });
});
