/**
 * The injection target for one frame the probe reported. A browser that tells us a frame's
 * `documentId` (in a message's sender or an injection result) also accepts `documentIds` in a target:
 * Chrome 106 and Firefox 153 brought all three in one release. So the probe's own answer is the
 * feature test, with no user-agent sniffing.
 *
 * The `frameIds` fallback loses what targeting the document gives: if the frame navigated between the
 * probe and the fill, the code is filled into whatever page the frame holds now instead of going
 * nowhere. The fill script's own origin check still refuses a frame that moved to another site, so
 * what is lost is a page of the same site that replaced the probed one (a reload, a next step).
 */
export function documentTarget(
  tabId: number,
  frame: { frameId: number; documentId?: string | undefined },
): chrome.scripting.InjectionTarget {
  if (frame.documentId) return { tabId, documentIds: [frame.documentId] };
  return { tabId, frameIds: [frame.frameId] };
}
