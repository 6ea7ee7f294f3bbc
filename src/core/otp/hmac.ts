import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

/**
 * The HMAC otpauth's bare build asks for, with only the three hashes an account may name (RFC 6238
 * §1.2: SHA-1, SHA-256, SHA-512). otpauth's default build also bundles SHA-224/384 and SHA-3, which
 * cost the popup 7 KB gzipped for algorithms no account can have.
 */
const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

export function otpHmac(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const hash = HASHES[algorithm as keyof typeof HASHES];
  // validateAccount has already refused any other name; this keeps a new caller from skipping it.
  if (!hash) throw new RangeError(`Unsupported HMAC algorithm ${algorithm}`);
  return hmac(hash, key, message);
}
