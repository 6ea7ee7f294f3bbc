/**
 * Bytes that other apps' files carry as text: hex (Aegis's salts and keys, TOTP Authenticator's
 * secrets) and base64 (sealed data). Undefined for anything that is not exactly that, never a throw.
 */
import type { Bytes } from '../../../crypto/bytes.ts';
import { fromBase64Strict } from '../../base64.ts';

/** Either case, even length, no separators. */
export function hexBytes(value: unknown): Bytes | undefined {
  if (typeof value !== 'string' || value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value)) return undefined;
  const out = new Uint8Array(value.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Standard base64. Line breaks and spaces are dropped (Android's default encoder wraps lines) and
 * missing padding is restored; otherwise as strict as `fromBase64Strict`.
 */
export function base64Bytes(value: unknown): Bytes | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 === 1) return undefined;
  const padded = compact.includes('=') ? compact : compact + '='.repeat((4 - (compact.length % 4)) % 4);
  return fromBase64Strict(padded);
}
