/** What "Set up another device" does with the link the worker hands it. No Preact, so Node tests it. */

/** `JBSW Y3DP EHPK 3PXP`: groups of four are what people read aloud and type into another app. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? '';
}

/** The setup key a link holds ('' when there is none): the same key the QR code carries. */
export function secretOf(uri: string): string {
  try {
    return new URL(uri).searchParams.get('secret')?.replace(/\s/g, '').toUpperCase() ?? '';
  } catch {
    return '';
  }
}

/** A copy from inside the shown key gives the key without the spaces that only help reading it. */
export function withoutSpacing(selected: string): string {
  return selected.replace(/\s+/g, '');
}
