import { encodePicture, MAX_PICTURE_SIDE, type PagePicture } from '../src/core/qr/page-picture';

/**
 * Injected on demand by "Scan QR code": draws the pictures the page holds as <img>, <canvas> or inline
 * <svg>, which finds a code that is scrolled out of view or covered by a dialog, and returns them
 * (their luma) for the worker to decode, with this frame's origin as our isolated world sees it: the
 * scan links only codes the tab's own origin showed (src/core/scan-trust.ts). No decoder runs here:
 * it would start cold in every page, where the worker's is warm.
 *
 * It also counts what it could not look into on the screen (another origin's frame, a picture the
 * canvas may not read, a video): when that is nothing, what it found is the whole answer and the
 * scan need not wait for the screen capture.
 */
const MAX_ELEMENTS = 60;
// Below this a QR has under ~2 px per module even at version 1: not worth drawing.
const MIN_SIDE = 40;

// What all of one frame's pictures may add up to (in pixels, a byte each): more goes unread.
const MAX_TOTAL_PIXELS = 6_000_000;

function pixelsOf(source: CanvasImageSource, width: number, height: number): ImageData | undefined {
  // Small images are drawn larger so every module gets several pixels; huge ones are capped.
  const side = Math.max(width, height);
  const scale = Math.min(4, Math.max(1, 300 / side), MAX_PICTURE_SIDE / side);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  context.imageSmoothingEnabled = false;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  try {
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    return context.getImageData(0, 0, canvas.width, canvas.height);
  } catch {
    // A cross-origin image taints the canvas; the screen capture still sees it when it is visible.
    return undefined;
  }
}

async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement | undefined> {
  const box = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!copy.getAttribute('width')) copy.setAttribute('width', String(box.width || 300));
  if (!copy.getAttribute('height')) copy.setAttribute('height', String(box.height || 300));
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }),
  );
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } catch {
    return undefined;
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function imageDataOf(element: Element): Promise<ImageData | undefined> {
  if (element instanceof HTMLImageElement) {
    if (!element.complete || element.naturalWidth < MIN_SIDE || element.naturalHeight < MIN_SIDE)
      return undefined;
    return pixelsOf(element, element.naturalWidth, element.naturalHeight);
  }
  if (element instanceof HTMLCanvasElement) {
    if (element.width < MIN_SIDE || element.height < MIN_SIDE) return undefined;
    return pixelsOf(element, element.width, element.height);
  }
  if (element instanceof SVGSVGElement) {
    const box = element.getBoundingClientRect();
    if (box.width < MIN_SIDE || box.height < MIN_SIDE) return undefined;
    const image = await svgImage(element);
    return image
      ? pixelsOf(image, image.naturalWidth || box.width, image.naturalHeight || box.height)
      : undefined;
  }
  return undefined;
}

/** Big enough to hold a QR and at least partly inside the viewport: the capture would see it. */
function onScreen(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return (
    box.width >= MIN_SIDE &&
    box.height >= MIN_SIDE &&
    box.bottom > 0 &&
    box.right > 0 &&
    box.top < innerHeight &&
    box.left < innerWidth
  );
}

function unreadable(element: Element): boolean {
  if (element instanceof HTMLIFrameElement || element instanceof HTMLFrameElement) {
    // A frame of this origin gets its own copy of this script; another origin's frame is closed to us.
    try {
      return element.contentDocument === null;
    } catch {
      return true;
    }
  }
  return true;
}

export default defineUnlistedScript(async () => {
  const all = Array.from(document.querySelectorAll('img, canvas, svg'));
  const pictures: PagePicture[] = [];
  let total = 0;
  let unread = all.slice(MAX_ELEMENTS).filter(onScreen).length;
  for (const element of all.slice(0, MAX_ELEMENTS)) {
    const pixels = total < MAX_TOTAL_PIXELS ? await imageDataOf(element) : undefined;
    if (pixels) {
      total += pixels.width * pixels.height;
      pictures.push(encodePicture(pixels.data, pixels.width, pixels.height));
    } else if (onScreen(element)) unread++;
  }
  for (const element of document.querySelectorAll('iframe, frame, embed, object, video'))
    if (onScreen(element) && unreadable(element)) unread++;
  return { origin: location.origin, pictures, unread };
});
