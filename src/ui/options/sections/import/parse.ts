/**
 * The page's side of reading an import: files and text go to the reader in a worker
 * (`reader.worker.ts`), so the page keeps painting while a large file is read. The reader is only
 * in the worker's bundle: a second copy for the page (90 KB gzipped) would be for browsers without
 * workers, and every browser that runs this extension has them.
 */
/// <reference types="vite/client" />
import type { ReaderRequest, ReadOutcome, Recognised } from './reader';
// WXT defines import.meta.url away, so Vite's `new Worker(new URL(…))` form would not be bundled.
import ReaderWorker from './reader.worker?worker';

export type { FormatRef, ReadOutcome, Recognised } from './reader';

/**
 * Bigger than any export of a real person's accounts (a 20 MB otpauth list is about 200,000 of
 * them); refused from `file.size` before a byte is read.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

type Ask = (request: ReaderRequest, transfer?: Transferable[]) => Promise<unknown>;

let ask: Ask | undefined;

function inWorker(): Ask {
  const worker = new ReaderWorker();
  const pending = new Map<number, { resolve: (answer: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<{ id: number; answer?: unknown; error?: string }>) => {
    const { id, answer, error } = event.data;
    const waiter = pending.get(id);
    pending.delete(id);
    if (error === undefined) waiter?.resolve(answer);
    else waiter?.reject(new Error(error));
  };
  // A worker that dies takes its files with it: what was asked fails, the next file starts anew.
  worker.onerror = (event) => {
    event.preventDefault();
    for (const waiter of pending.values())
      waiter.reject(new Error(event.message || 'the import reader stopped'));
    pending.clear();
    worker.terminate();
    ask = undefined;
  };
  return (request, transfer = []) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, request }, transfer);
    });
}

async function reader(): Promise<Ask> {
  ask ??= inWorker();
  return ask;
}

export type Chosen = Recognised | { kind: 'too-big' };

async function recogniseBytes(bytes: Uint8Array, addTo?: number): Promise<Chosen> {
  if (bytes.length > MAX_IMPORT_BYTES) return { kind: 'too-big' };
  const request: ReaderRequest =
    addTo === undefined ? { op: 'recognise', bytes } : { op: 'recognise', bytes, addTo };
  return (await (
    await reader()
  )(request, [bytes.buffer])) as Recognised;
}

/**
 * A chosen file, by its size first and then its content; `addTo` is the source an image of a
 * further transfer code is added to.
 */
export async function recogniseFile(file: File, addTo?: number): Promise<Chosen> {
  if (file.size > MAX_IMPORT_BYTES) return { kind: 'too-big' };
  return recogniseBytes(new Uint8Array(await file.arrayBuffer()), addTo);
}

export function recogniseText(text: string): Promise<Chosen> {
  return recogniseBytes(new TextEncoder().encode(text));
}

export async function readSource(source: number, password?: string): Promise<ReadOutcome> {
  const request: ReaderRequest =
    password === undefined ? { op: 'read', source } : { op: 'read', source, password };
  return (await (
    await reader()
  )(request)) as ReadOutcome;
}

/** Lets the reader drop a file the person went away from. */
export async function forgetSource(source: number): Promise<void> {
  await (await reader())({ op: 'forget', source });
}
