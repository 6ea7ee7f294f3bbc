/**
 * Google Authenticator's "Transfer accounts" codes: text holding one or more
 * `otpauth-migration://offline?data=…` links, pasted or decoded from QR images (the UI joins the
 * decoded texts with line breaks). A big export is split over several codes that share a batch id;
 * they may arrive in any order and some twice, and when some are missing the rest is still read and
 * the gap reported (`transferProgress`, and one skipped entry per missing code).
 * Plain otpauth:// links among them (single-account QR codes scanned along) are read too.
 */
import { MigrationFormatError, type MigrationPayload, parseMigrationUri } from '../google-migration.ts';
import {
  ImportError,
  type ImportedEntries,
  type Importer,
  type SkippedEntry,
  type SkipReason,
} from '../importer.ts';
import { otpauthListImporter } from './otpauth-list.ts';

const APP = 'Google Authenticator';

/**
 * More codes than any export has (Google puts about ten accounts in each; this would be thousands
 * of accounts): a code that claims more is read on its own rather than believed, since listing its
 * "missing" codes would cost memory in proportion to the number it claims.
 */
const MAX_BATCH_COUNT = 1000;

/** Base64 and percent-escapes, up to white space or a separator around it (quotes, CSV, HTML). */
const MIGRATION_LINK = /otpauth-migration:\/\/[^\s"'<>`,;|]*/gi;

interface Part {
  line: number;
  link: string;
  payload: MigrationPayload;
}

/** One export: a single code, or every code of one batch id, keyed by its 0-based index. */
interface Export {
  batchId: number;
  total: number;
  parts: Map<number, Part>;
}

interface Scan {
  exports: Export[];
  /** Links that are not a readable transfer code. */
  bad: SkippedEntry[];
}

function scan(text: string): Scan {
  const result: Scan = { exports: [], bad: [] };
  const batches = new Map<number, Export>();
  const singles = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const [link] of line.matchAll(MIGRATION_LINK)) {
      let payload: MigrationPayload;
      try {
        payload = parseMigrationUri(link);
      } catch (error) {
        // Not only MigrationFormatError: parseMigrationUri lets protobuf-es's own base64 error
        // through for data of a length no base64 has ("A", "ABCDE"); any failure means a bad code.
        const detail =
          error instanceof MigrationFormatError ? error.message : 'The transfer code is damaged.';
        result.bad.push({ name: '', reason: 'bad-line', line: i + 1, detail });
        continue;
      }
      const part = { line: i + 1, link, payload };
      const { batchSize: size, batchIndex: index, batchId } = payload;
      if (size > 1 && size <= MAX_BATCH_COUNT && index >= 0 && index < size) {
        let found = batches.get(batchId);
        if (!found) {
          found = { batchId, total: size, parts: new Map() };
          batches.set(batchId, found);
          result.exports.push(found);
        }
        found.total = Math.max(found.total, size);
        // The same code scanned twice: the first reading stands.
        if (!found.parts.has(index)) found.parts.set(index, part);
      } else if (!singles.has(link)) {
        // A code that is a whole export by itself (older exports carry no batch fields at all).
        singles.add(link);
        result.exports.push({ batchId, total: 1, parts: new Map([[0, part]]) });
      }
    }
  });
  return result;
}

/** 1-based, as Google Authenticator numbers its codes ("2 of 3"). */
const missingOf = (found: Export) =>
  Array.from({ length: found.total }, (_, i) => i).flatMap((i) => (found.parts.has(i) ? [] : [i + 1]));

export interface TransferProgress {
  batchId: number;
  /** Distinct codes of this export that were read. */
  read: number;
  total: number;
  /** The codes not (yet) read, 1-based as the phone numbers them. */
  missing: number[];
}

/**
 * How far each export in the text got, in the order they first appear, so the UI can say
 * "2 of 3 read, code 3 missing" while the person is still scanning. A single-code export is
 * listed as 1 of 1. Damaged links are left out (reading the text reports them).
 */
export function transferProgress(text: string): TransferProgress[] {
  return scan(text).exports.map((found) => ({
    batchId: found.batchId,
    read: found.parts.size,
    total: found.total,
    missing: missingOf(found),
  }));
}

/**
 * google-migration.ts gives its reasons as English sentences; these are the words that tell them
 * apart (a reason code there would make this unnecessary).
 */
function reasonOf(reason: string): SkipReason {
  if (/MD5|algorithm/i.test(reason)) return 'unsupported-algorithm';
  if (/kind of code/i.test(reason)) return 'unsupported-type';
  if (/digits|counter|period/i.test(reason)) return 'bad-parameters';
  if (/secret/i.test(reason)) return 'bad-secret';
  return 'bad-entry';
}

export const googleTransferImporter: Importer = {
  id: 'google-transfer',
  app: APP,
  detect(input) {
    return /otpauth-migration:\/\//i.test(input.text) ? 'plain' : false;
  },
  async read(input): Promise<ImportedEntries> {
    const { exports, bad } = scan(input.text);
    if (exports.length === 0) {
      throw new ImportError(
        'import-damaged',
        'This Google Authenticator transfer code is damaged or cut off.',
      );
    }
    const out: ImportedEntries = { accounts: [], skipped: [...bad] };
    for (const found of exports) {
      // In the order of the export, whatever order the codes were scanned in.
      for (const index of [...found.parts.keys()].sort((a, b) => a - b)) {
        const { payload, line } = found.parts.get(index)!;
        out.accounts.push(...payload.accounts);
        for (const { name, reason } of payload.skipped) {
          out.skipped.push({ name, reason: reasonOf(reason), line, detail: reason });
        }
      }
      for (const i of missingOf(found)) {
        out.skipped.push({ name: '', reason: 'bad-entry', detail: `missing batch ${i} of ${found.total}` });
      }
    }
    if (otpauthListImporter.detect(input)) {
      const links = await otpauthListImporter.read(input).catch((error: unknown) => {
        if (error instanceof ImportError && error.code === 'import-empty') return undefined;
        throw error;
      });
      out.accounts.push(...(links?.accounts ?? []));
      out.skipped.push(...(links?.skipped ?? []));
    }
    if (out.accounts.length === 0 && out.skipped.length === 0) {
      throw new ImportError('import-empty', 'This Google Authenticator transfer code holds no accounts.');
    }
    return out;
  },
};
