/**
 * The checks every importer makes against the shared samples (./importer-samples.ts): the set is
 * the one expected, each sample reads to exactly its entries, wrong passwords are refused, no other
 * app's sample is claimed, and damaged copies end in a result or an ImportError. One home, so an
 * importer's test file keeps only what is its own.
 */
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../src/core/account.ts';
import { mutatedCopies, outcome } from '../../src/core/formats/apps/shared/sample-mutations.ts';
import { ImportError, type ImportedEntries, type Importer } from '../../src/core/formats/importer.ts';
import { importInput } from '../../src/core/formats/importers.ts';
import {
  comparable,
  importerSamples,
  SAMPLES_DIR,
  SAMPLES_MISSING,
  type Sample,
  sampleBytes,
} from './importer-samples.ts';

export interface SharedSampleSuite {
  /** Tag of the console lines, e.g. 'aegis'. */
  tag: string;
  title: string;
  importer: Importer;
  /** This app's samples: a path prefix, or a test on the path. */
  ours: string | ((file: string) => boolean);
  /** Every path `ours` must pick out, sorted. */
  files: readonly string[];
  /** The ones of `files` this importer reads itself (default: all); the rest are left to `more`. */
  reads?: (sample: Sample) => boolean;
  /** Files outside EXPECTED.json that must read exactly like one listed there. */
  alike?: readonly { file: string; like: string }[];
  /** Each encrypted sample must refuse every one of these (undefined: no password at all). */
  wrongPasswords?: readonly (string | undefined)[];
  /** Damaged copies per sample; a sealed read runs the app's KDF, so they get fewer. */
  mutations: number | { plain: number; encrypted: number } | ((sample: Sample) => number);
  /** Also require that some damaged copy still reads (formats without a checksum). */
  someStillRead?: boolean;
  /** Samples that must be among the others, so "claims none" is known to have tried them. */
  othersInclude?: readonly string[];
  /** The entries a sample must read to, when the app's own differ from EXPECTED.json's. */
  expected?: (sample: Sample) => readonly OtpAccount[];
  /** Checks of the one app beyond the entries, run after them. */
  check?: (result: ImportedEntries, sample: Sample) => void;
  /** The app's own tests of these samples, in the same skipped-or-not block. */
  more?: (samples: readonly Sample[]) => void;
}

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

export function describeSharedSamples(suite: SharedSampleSuite): void {
  const { tag, importer, mutations } = suite;
  if (!SAMPLES_DIR) console.warn(`[${tag}] ${SAMPLES_MISSING}`);
  const ours =
    typeof suite.ours === 'string' ? (file: string) => file.startsWith(suite.ours as string) : suite.ours;
  const count = (sample: Sample) =>
    typeof mutations === 'number'
      ? mutations
      : typeof mutations === 'function'
        ? mutations(sample)
        : sample.encrypted
          ? mutations.encrypted
          : mutations.plain;

  describe.skipIf(!SAMPLES_DIR)(suite.title, () => {
    const all = importerSamples();
    const samples = all.filter((s) => ours(s.file));
    const alike = (suite.alike ?? []).flatMap(({ file, like }) => {
      const model = samples.find((s) => s.file === like);
      return model ? [{ ...model, file }] : [];
    });
    const read = [...samples.filter(suite.reads ?? (() => true)), ...alike];

    it('has the samples it expects', () => {
      expect(samples.map((s) => s.file).sort()).toEqual(suite.files);
      expect(alike).toHaveLength(suite.alike?.length ?? 0);
    });

    it.each(read.map((s) => [s.file, s] as const))(
      '%s imports to exactly its expected entries',
      async (_, sample) => {
        const file = importInput(sampleBytes(sample.file));
        expect(importer.detect(file)).toBe(sample.encrypted ? 'encrypted' : 'plain');
        const result = await importer.read(file, sample.password);
        expect(comparable(result.accounts)).toEqual(comparable(suite.expected?.(sample) ?? sample.expected));
        expect(result.skipped).toEqual([]);
        suite.check?.(result, sample);
        console.info(
          `[${tag}] ${sample.file}: ${result.accounts.length} of ${sample.expected.length} entries`,
        );
      },
    );

    if (suite.wrongPasswords) {
      const wrong = suite.wrongPasswords;
      it.each(read.filter((s) => s.encrypted).map((s) => [s.file] as const))(
        '%s refuses the wrong password',
        async (path) => {
          const file = importInput(sampleBytes(path));
          for (const password of wrong) {
            expect(await readError(importer.read(file, password)), String(password)).toBe(
              'import-wrong-password',
            );
          }
        },
      );
    }

    it('claims no other app’s sample', () => {
      const others = all.filter((s) => !ours(s.file));
      expect(others.length).toBeGreaterThan(0);
      for (const file of suite.othersInclude ?? []) expect(others.map((s) => s.file)).toContain(file);
      const claimed = others.filter((s) => importer.detect(importInput(sampleBytes(s.file))) !== false);
      expect(claimed.map((s) => s.file)).toEqual([]);
    });

    it.each(read.map((s) => [s.file, s] as const))(
      '%s gives an ImportError or a result when cut off or bit-flipped',
      async (_, sample) => {
        const seen = new Set<string>();
        for (const bytes of mutatedCopies(sampleBytes(sample.file), count(sample))) {
          const got = await outcome(importer, bytes, sample.password);
          expect(got).toMatch(/^(result|import-)/);
          seen.add(got);
        }
        if (suite.someStillRead) expect(seen.has('result')).toBe(true);
      },
    );

    suite.more?.(samples);
  });
}
