/**
 * What the import flow reads, off the page's thread: `reader.worker.ts` runs this, so a 20 MB file,
 * a slow importer or a large photo of a QR code never stops the page from painting or taking a
 * click. A file stays here (by its handle) from being recognised until it is read or forgotten;
 * the page gets back only what it shows: the format, the accounts, what was left out.
 */
import { type TransferProgress, transferProgress } from '../../../../core/formats/apps/google-transfer';
import { BackupError, type BackupErrorCode, readBackupFile } from '../../../../core/formats/backup-file';
import {
  ImportError,
  type ImportErrorCode,
  type ImportedEntries,
  type Importer,
  type ImportInput,
} from '../../../../core/formats/importer';
import { detectFormat, importInput, readableApps } from '../../../../core/formats/importers';
import { fitForVault } from './fit';
import { BACKUP_IMPORTER, TRANSFER_IMPORTER } from './ids';
import { imageQrTexts, isImageBytes } from './image-texts';

/** A format as the page names it; the importer itself stays here. */
export interface FormatRef {
  id: string;
  app: string;
}

export type Recognised =
  | {
      kind: 'importer';
      format: FormatRef;
      encrypted: boolean;
      /** The handle `read` takes. */
      source: number;
      /** What our own backup shows to be wrong before any password (its checksum needs none). */
      early?: BackupErrorCode;
      /** A transfer from Google Authenticator whose codes are not all there yet. */
      missing?: TransferProgress[];
    }
  | { kind: 'unreadable'; format: FormatRef }
  | { kind: 'unknown'; apps: string[] }
  /** An image with no QR code in it (or one that cannot be decoded). */
  | { kind: 'no-qr' };

export type ReadOutcome = { ok: true; entries: ImportedEntries } | { ok: false; code: ImportErrorCode };

export type ReaderRequest =
  /** `addTo`: an image of another transfer code, added to what that source holds so far. */
  | { op: 'recognise'; bytes: Uint8Array; addTo?: number }
  | { op: 'read'; source: number; password?: string }
  | { op: 'forget'; source: number };

interface Text {
  input: ImportInput;
  /** The texts the input was joined from (a line each), so a later image adds to them. */
  parts: string[];
}

interface Source extends Text {
  importer: Importer;
}

const encoder = new TextEncoder();

async function backupProblem(input: ImportInput): Promise<BackupErrorCode | undefined> {
  try {
    await readBackupFile(input.text);
    return undefined;
  } catch (error) {
    if (error instanceof BackupError) return error.code;
    throw error;
  }
}

export class Reader {
  private readonly sources = new Map<number, Source>();
  private nextHandle = 1;

  async handle(request: ReaderRequest): Promise<Recognised | ReadOutcome | null> {
    if (request.op === 'recognise') return this.recognise(request.bytes, request.addTo);
    if (request.op === 'read') return this.read(request.source, request.password);
    this.sources.delete(request.source);
    return null;
  }

  async recognise(bytes: Uint8Array, addTo?: number): Promise<Recognised> {
    let text: Text;
    if (isImageBytes(bytes)) {
      const texts = await imageQrTexts(new Blob([new Uint8Array(bytes)]));
      if (texts.length === 0) return { kind: 'no-qr' };
      const earlier = addTo === undefined ? [] : (this.sources.get(addTo)?.parts ?? []);
      const parts = [...new Set([...earlier, ...texts])];
      text = { input: importInput(encoder.encode(parts.join('\n'))), parts };
    } else {
      const input = importInput(bytes);
      text = { input, parts: [input.text] };
    }
    const found = detectFormat(text.input);
    if (found.kind === 'unknown') return { kind: 'unknown', apps: readableApps() };
    if (found.kind === 'unreadable') {
      return { kind: 'unreadable', format: { id: found.format.id, app: found.format.app } };
    }
    const { importer, encrypted } = found;
    const handle = this.nextHandle++;
    this.sources.set(handle, { ...text, importer });
    if (addTo !== undefined) this.sources.delete(addTo);
    const recognised: Recognised = {
      kind: 'importer',
      format: { id: importer.id, app: importer.app },
      encrypted,
      source: handle,
    };
    if (importer.id === BACKUP_IMPORTER) {
      const early = await backupProblem(text.input);
      if (early) recognised.early = early;
    }
    if (importer.id === TRANSFER_IMPORTER) {
      const missing = transferProgress(text.input.text).filter((progress) => progress.missing.length > 0);
      if (missing.length > 0) recognised.missing = missing;
    }
    return recognised;
  }

  /**
   * Runs the importer that recognised the source. Only ImportError is expected from it; anything
   * else is a bug in an importer, logged, and told as a file that could not be read.
   */
  async read(handle: number, password?: string): Promise<ReadOutcome> {
    const source = this.sources.get(handle);
    if (!source) return { ok: false, code: 'import-damaged' };
    const { importer, input } = source;
    try {
      return { ok: true, entries: fitForVault(await importer.read(input, password)) };
    } catch (error) {
      if (error instanceof ImportError) return { ok: false, code: error.code };
      console.error(`The ${importer.id} importer failed`, error);
      return { ok: false, code: 'import-damaged' };
    }
  }
}
