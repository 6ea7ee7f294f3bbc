/**
 * How far this computer's clock is from the site's, read from the Date header of a HEAD request to
 * the site's root, made from the page itself: no new permission, and no request to anyone but the
 * site. Only the root, without cookies, once per fill: asking the page's own URL could use up a
 * one-time or magic link, and cookies would make the request count as the user's.
 */
export interface ClockSample {
  offsetMs: number;
  roundTripMs: number;
}

export async function readSiteClock(timeoutMs = 3000): Promise<ClockSample | undefined> {
  if (!/^https?:$/.test(location.protocol)) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const sentAt = Date.now();
    const response = await fetch(`${location.origin}/`, {
      method: 'HEAD',
      mode: 'same-origin',
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    });
    const receivedAt = Date.now();
    // A redirect elsewhere would be another server's clock.
    if (new URL(response.url).origin !== location.origin) return undefined;
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
