/**
 * Base64url without padding (RFC 4648 §5): how WebAuthn names credential ids, and how the pages and
 * the worker pass the authenticator's bytes through extension messaging, which carries JSON only.
 */
// Nothing imported: the pages that run a ceremony share no chunk with the popup's start because of it.
type Bytes = Uint8Array<ArrayBuffer>;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Undefined for anything but the canonical unpadded form, so a changed character is never read around. */
export function fromBase64Url(text: string): Bytes | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes: Bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return toBase64Url(bytes) === text ? bytes : undefined;
}
