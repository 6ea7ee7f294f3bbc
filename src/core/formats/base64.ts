/**
 * Base64 for the bytes our files carry. Encoding is protobuf-es's (already in the bundle for the
 * Google transfer); decoding is strict here because that decoder skips whitespace and stray
 * padding, and a backup must notice a changed character instead of reading around it.
 */
import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire';
import { type Bytes, toBytes } from '../crypto/bytes.ts';

const STANDARD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard alphabet, with padding (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  return base64Encode(bytes, 'std');
}

/**
 * The canonical padded form only; anything else (whitespace, URL alphabet, bad length, stray bits in
 * the last character) is undefined, so every changed character changes the bytes or is refused.
 */
export function fromBase64Strict(text: string): Bytes | undefined {
  if (typeof text !== 'string' || !STANDARD.test(text)) return undefined;
  const bytes = toBytes(base64Decode(text));
  return toBase64(bytes) === text ? bytes : undefined;
}
