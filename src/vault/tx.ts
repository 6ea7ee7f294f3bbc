/**
 * Transaction discipline. IndexedDB auto-commits a transaction as soon as no request is pending, so
 * a thrown error alone does not undo earlier puts: we must abort explicitly. Callers do all slow work
 * (KDF, encryption) before opening the transaction and only await IndexedDB requests inside it.
 */
interface Tx {
  done: Promise<void>;
  abort(): void;
}

/** Resolves only after the transaction committed (`done`), so an acknowledged write is durable. */
export async function runTx<T>(tx: Tx, body: () => Promise<T>): Promise<T> {
  try {
    const value = await body();
    await tx.done;
    return value;
  } catch (error) {
    // `done` rejects once we abort; nobody else awaits it, so keep that from surfacing as unhandled.
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request, or already committed.
    }
    throw error;
  }
}

/**
 * Issues every request of a transaction and waits for all. Once the transaction aborts (a full disk),
 * the next request throws at once: as a rejection here, so the ones already issued, which reject
 * with AbortError, are still awaited rather than left unhandled.
 */
export function issueAll(requests: ReadonlyArray<() => Promise<unknown>>): Promise<unknown[]> {
  return Promise.all(requests.map(async (issue) => issue()));
}

/** Runs async jobs one after another, so two writes from the same context never interleave. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
