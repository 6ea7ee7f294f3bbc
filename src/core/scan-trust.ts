/** What the page-image reader found in one frame. */
export interface FrameRead {
  /**
   * The frame's origin as the injected script's isolated world sees it (`location.origin`): the
   * page's own scripts cannot change it there.
   */
  origin: string;
  texts: readonly string[];
  /** Things on the screen the frame could not look into (another origin's frame, a tainted picture). */
  unread?: number;
  /** Whether this is the tab's top document. */
  top?: boolean;
}

/**
 * Whether the page-image read is the whole answer, so the scan may finish without the screen
 * capture: the top document answered, every frame could look at everything it shows, and a code was
 * found. With nothing found the capture still looks (a code can be a CSS background, or drawn later).
 */
export function pageReadIsComplete(reads: readonly FrameRead[]): boolean {
  return (
    reads.some((read) => read.top) &&
    reads.every((read) => read.unread === 0) &&
    reads.some((read) => read.texts.length > 0)
  );
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
