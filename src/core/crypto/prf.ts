/**
 * The wrapping key of a WebAuthn key slot, from the authenticator's PRF output
 * (https://w3c.github.io/webauthn/#prf-extension). The authenticator keeps its secret in its own
 * hardware (a TPM, a security key) and hands out PRF(secret, salt) only after the user's PIN, finger or
 * touch, so a copy of the browser profile holds nothing that opens the slot.
 *
 * The PRF output is already uniformly random, but HKDF (RFC 5869) binds it to this use and this vault:
 * the same credential used as a PRF by another site or app yields an unrelated key.
 */
import { importWrappingKey, KEY_BYTES } from './aead.ts';
import { type Bytes, utf8 } from './bytes.ts';

/** The PRF input: one per vault, so a credential registered for another vault cannot open this one. */
export const PRF_SALT_BYTES = 32;
/** CTAP2's hmac-secret, which the PRF extension uses underneath, answers 32 bytes. */
export const PRF_OUTPUT_BYTES = 32;

const HKDF_INFO = utf8('tweestap/slot/webauthn/wrapping-key/1');

/** HKDF-SHA-256 of the PRF output, salted with the vault's PRF salt, as a non-extractable wrapping key. */
export async function wrappingKeyFromPrf(prfOutput: Bytes, vaultSalt: Bytes): Promise<CryptoKey> {
  if (prfOutput.length !== PRF_OUTPUT_BYTES) {
    throw new RangeError(`PRF output must be ${PRF_OUTPUT_BYTES} bytes`);
  }
  const input = await crypto.subtle.importKey('raw', prfOutput, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: vaultSalt, info: HKDF_INFO },
    input,
    KEY_BYTES * 8,
  );
  const raw = new Uint8Array(bits);
  try {
    return await importWrappingKey(raw);
  } finally {
    raw.fill(0);
  }
}
