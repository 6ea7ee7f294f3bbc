/** What the page-image reader found in one frame. */
export interface FrameRead {
  /**
   * The frame's origin as the injected script's isolated world sees it (`location.origin`): the
   * page's own scripts cannot change it there.
   */
  origin: string;
  texts: readonly string[];
}

/**
 * The QR texts a scan may link to the tab's site: those its own origin served, in the top document
 * or a frame of the same origin. A code seen only in the screen capture (another origin's frame, a
 * picture the canvas may not read) could be a look-alike site framing the real set-up page, and
 * linking it there would let Fill hand that site the real site's codes.
 */
export function trustedTexts(reads: readonly FrameRead[], tabOrigin: string): Set<string> {
  const trusted = new Set<string>();
  // Every opaque origin is "null": two of them are not the same site.
  if (tabOrigin === 'null') return trusted;
  for (const read of reads) {
    if (read.origin !== tabOrigin) continue;
    for (const text of read.texts) trusted.add(text.trim());
  }
  return trusted;
}
