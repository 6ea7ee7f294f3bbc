/**
 * How far this computer's clock is from the site's, read from the Date header of a same-origin HEAD
 * request made from the page itself: no new permission, and no request to anyone but the site.
 */
export interface ClockReading {
  offsetMs: number;
  roundTripMs: number;
}

export async function readSiteClock(timeoutMs = 3000): Promise<ClockReading | undefined> {
  if (!/^https?:$/.test(location.protocol)) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const sentAt = Date.now();
    const response = await fetch(location.href.split('#')[0]!, {
      method: 'HEAD',
      cache: 'no-store',
      credentials: 'same-origin',
      signal: controller.signal,
    });
    const receivedAt = Date.now();
    const serverTime = Date.parse(response.headers.get('date') ?? '');
    if (!Number.isFinite(serverTime)) return undefined;
    // The header is whole seconds, truncated: the server's time lay in [serverTime, serverTime + 1 s).
    return { offsetMs: serverTime + 500 - (sentAt + receivedAt) / 2, roundTripMs: receivedAt - sentAt };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
