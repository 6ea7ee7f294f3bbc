import { browser } from 'wxt/browser';
import { type ClockState, effectiveClockOffsetMs, shouldTellUser } from '../core/clock-correction';
import type { ClockReading } from '../inject/read-site-clock';
import { readSettings } from './settings';

const KEY = 'clock';

export async function readClockState(): Promise<ClockState> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return typeof stored === 'object' && stored !== null ? (stored as ClockState) : {};
}

/** The correction every code gets right now, in ms (0 when the clock is fine). */
export async function clockOffsetMs(): Promise<number> {
  const [state, settings] = await Promise.all([readClockState(), readSettings()]);
  return effectiveClockOffsetMs(state, settings.manualClockOffsetSeconds);
}

/**
 * Keeps a site's reading. A slow answer says little about the clock, so readings whose round trip is
 * over 5 s are dropped. Answers whether the user should now be told about a (new) correction.
 */
export async function recordClockReading(
  reading: ClockReading | undefined,
  origin: string,
): Promise<boolean> {
  if (!reading || reading.roundTripMs > 5000) return false;
  const state: ClockState = {
    ...(await readClockState()),
    measuredOffsetMs: Math.round(reading.offsetMs),
    measuredAt: Date.now(),
    measuredOrigin: origin,
  };
  const settings = await readSettings();
  const offset = effectiveClockOffsetMs(state, settings.manualClockOffsetSeconds);
  const tell = settings.manualClockOffsetSeconds === 0 && shouldTellUser(state, offset);
  if (tell) state.toldOffsetMs = offset;
  await browser.storage.local.set({ [KEY]: state });
  return tell;
}
