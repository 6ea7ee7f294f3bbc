/**
 * A popup is as tall as its page (browsers stop it at 600 px), so with one account it is 167 px: a
 * dialog or a menu taller than that would be cut off, its title or its last item out of reach. This
 * grows the page to hold `element` whole while it is open; the returned function undoes it.
 */
const POPUP_MAX_HEIGHT = 600;
/** Room kept below what is held. */
const MARGIN = 24;

export function makeRoomFor(element: HTMLElement, { centred = false } = {}): () => void {
  const body = document.body;
  const before = body.style.minHeight;
  const box = element.getBoundingClientRect();
  // A centred dialog needs its whole height plus a margin on both sides; a menu, down to its bottom.
  const needed = centred
    ? element.scrollHeight + 2 * MARGIN
    : box.top + window.scrollY + element.scrollHeight + MARGIN;
  const height = Math.min(POPUP_MAX_HEIGHT, Math.ceil(needed));
  if (height > body.clientHeight) body.style.minHeight = `${height}px`;
  return () => {
    body.style.minHeight = before;
  };
}
