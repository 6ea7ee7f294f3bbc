/**
 * Test support for the importers beside it: cut-off and bit-flipped copies of a file, and the one
 * outcome each may have (an ImportError or a result, never another exception). Deterministic.
 */
import { mulberry32 } from '../../../../../tests/support/prng.ts';
import { ImportError, type Importer } from '../../importer.ts';
import { importInput } from '../../importers.ts';

export function mutatedCopies(bytes: Uint8Array, count: number, seed = 13): Uint8Array[] {
  const random = mulberry32(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      out.push(bytes.slice(0, Math.floor(random() * bytes.length)));
    } else {
      const copy = bytes.slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let f = 0; f < flips && copy.length > 0; f++) {
        const at = Math.floor(random() * copy.length);
        copy[at] = (copy[at] ?? 0) ^ (1 << Math.floor(random() * 8));
      }
      out.push(copy);
    }
  }
  return out;
}

/** 'result' or the ImportError's code; rethrows anything else, which is the bug the caller looks for. */
export async function outcome(importer: Importer, bytes: Uint8Array, password?: string): Promise<string> {
  const input = importInput(bytes);
  importer.detect(input);
  try {
    await importer.read(input, password);
    return 'result';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}
