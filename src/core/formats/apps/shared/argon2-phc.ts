/**
 * Argon2id password-check strings in the PHC format (`$argon2id$v=19$m=…,t=…,p=…$salt$tag`, salt
 * and tag in unpadded base64), as argon2-browser writes them. The parameters come from the file,
 * so they are capped before any work (see `PHC_CAPS`): a hostile file cannot make us allocate or
 * spin for long.
 */
import { argon2id } from 'hash-wasm';
import { type Bytes, equalBytes, toBytes, utf8 } from '../../../crypto/bytes.ts';
import { base64Bytes } from './text-bytes.ts';

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface Argon2Phc extends Argon2Params {
  salt: Bytes;
  tag: Bytes;
}

/**
 * Above what the apps we read write (the Authenticator extension: 16 MiB × 1 pass before v8,
 * 19 MiB × 2 since, i.e. 38 MiB-passes), low enough that the worst allowed string costs about
 * 130 ms here (Node, 2 cores): memory ≤ 64 MiB, time ≤ 4 passes, memory × time ≤ 64 MiB-passes,
 * lanes ≤ 4 (hash-wasm runs them one after another anyway), salt 8–64 bytes (argon2's minimum is
 * 8), tag 16–64 bytes.
 */
export const PHC_CAPS = {
  memoryKiB: 64 * 1024,
  iterations: 4,
  work: 64 * 1024,
  parallelism: 4,
  saltBytes: [8, 64],
  tagBytes: [16, 64],
} as const;

const PHC = /^\$argon2id\$v=19\$m=(\d{1,9}),t=(\d{1,9}),p=(\d{1,9})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const within = (n: number, [min, max]: readonly [number, number]) => n >= min && n <= max;

/** Undefined for anything else: another Argon2 variant or version, odd base64, parameters over the caps. */
export function parsePhc(value: unknown): Argon2Phc | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PHC.exec(value.trim());
  if (!match) return undefined;
  const [memoryKiB, iterations, parallelism] = [match[1], match[2], match[3]].map(Number) as [
    number,
    number,
    number,
  ];
  const salt = base64Bytes(match[4]);
  const tag = base64Bytes(match[5]);
  if (!salt || !tag || !within(salt.length, PHC_CAPS.saltBytes) || !within(tag.length, PHC_CAPS.tagBytes)) {
    return undefined;
  }
  if (parallelism < 1 || parallelism > PHC_CAPS.parallelism) return undefined;
  if (iterations < 1 || iterations > PHC_CAPS.iterations) return undefined;
  if (memoryKiB < 8 * parallelism || memoryKiB > PHC_CAPS.memoryKiB) return undefined;
  if (memoryKiB * iterations > PHC_CAPS.work) return undefined;
  return { memoryKiB, iterations, parallelism, salt, tag };
}

/** Argon2id, version 0x13. The caller has checked the parameters and the salt's length (at least 8). */
export async function argon2idRaw(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  length: number,
): Promise<Bytes> {
  const out = await argon2id({
    password,
    salt,
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength: length,
    outputType: 'binary',
  });
  return toBytes(out);
}

/** Whether `text` (as UTF-8, not normalised: the apps hash what was typed) is what the string checks. */
export async function verifyPhc(phc: Argon2Phc, text: string): Promise<boolean> {
  return equalBytes(await argon2idRaw(utf8(text), phc.salt, phc, phc.tag.length), phc.tag);
}
