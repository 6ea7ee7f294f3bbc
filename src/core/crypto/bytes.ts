/**
 * Byte helpers shared by the crypto and vault layers.
 *
 * TS 5.9 types WebCrypto inputs as `Uint8Array<ArrayBuffer>` (not SharedArrayBuffer-backed), so every
 * buffer we hand to `crypto.subtle` goes through this alias.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** Throws on malformed UTF-8 so corrupted plaintext is never half-decoded. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function randomBytes(length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Copies into a fresh ArrayBuffer-backed array (e.g. wasm output, which may alias wasm memory). */
export function toBytes(view: Uint8Array): Bytes {
  const copy = new Uint8Array(view.length);
  copy.set(view);
  return copy;
}

/**
 * Structured clones from IndexedDB may come from another realm in some test runners, so `instanceof`
 * alone is not a reliable check.
 */
export function isBytes(value: unknown): value is Bytes {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]')
  );
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
