import { browser } from 'wxt/browser';
import {
  accountClockOffsetMs,
  believable,
  type ClockReadings,
  parseClockReadings,
  shouldTellUser,
} from '../core/clock-correction';
import type { ClockSample } from '../inject/read-site-clock';
import { runInjected } from './inject';
import { readSettings } from './settings';
import { readTrusted, writeTrusted } from './vault-instance';

const KEY = 'clock';

/** Earlier builds kept one global reading in storage.local, which any site could set: drop it. */
let legacyDropped = false;

async function readReadings(): Promise<ClockReadings> {
  if (!legacyDropped) {
    await browser.storage.local.remove(KEY);
    legacyDropped = true;
  }
  return parseClockReadings(await readTrusted(KEY));
}

/**
 * The correction each account's codes get right now, in ms (0 when its site's clock agrees). Reads
 * first and computes later, so the popup's list can read its accounts at the same time.
 */
export async function clockCorrections(): Promise<(ids: readonly string[]) => Record<string, number>> {
  const [readings, settings] = await Promise.all([readReadings(), readSettings()]);
  return (ids) =>
    Object.fromEntries(
      ids.map((id) => [id, accountClockOffsetMs(readings[id], settings.manualClockOffsetSeconds)]),
    );
}

export interface ClockVerdict {
  /** The correction the code is made with. */
  offsetMs: number;
  /** A new correction the user has not been told about yet. */
  tell: boolean;
  /** The site's clock is so far off that neither it nor this computer can be trusted. */
  far: boolean;
}

/**
 * Keeps what an account's own site said about the time. A slow answer says little about the clock, so
 * samples whose round trip is over 5 s are dropped; a site more than ten minutes off is not believed.
 */
export async function recordClockReading(
  accountId: string,
  origin: string,
  sample: ClockSample | undefined,
): Promise<ClockVerdict> {
  const [readings, settings] = await Promise.all([readReadings(), readSettings()]);
  const manual = settings.manualClockOffsetSeconds;
  if (!sample || sample.roundTripMs > 5000) {
    return { offsetMs: accountClockOffsetMs(readings[accountId], manual), tell: false, far: false };
  }
  if (!believable(sample.offsetMs)) {
    return { offsetMs: accountClockOffsetMs(readings[accountId], manual), tell: false, far: manual === 0 };
  }
  const reading = { ...readings[accountId], offsetMs: Math.round(sample.offsetMs), at: Date.now(), origin };
  const offsetMs = accountClockOffsetMs(reading, manual);
  const tell = manual === 0 && shouldTellUser(reading.toldOffsetMs, offsetMs);
  if (tell) reading.toldOffsetMs = offsetMs;
  await writeTrusted(KEY, { ...readings, [accountId]: reading });
  return { offsetMs, tell, far: false };
}

/** The site's clock, read in one document (the one an account matched, or a scanned tab's top), or nothing. */
export async function readClock(target: chrome.scripting.InjectionTarget): Promise<ClockSample | undefined> {
  try {
    const [result] = await runInjected(target, 'page.fill', { mode: 'clock' });
    const sample = result?.result as ClockSample | undefined;
    return sample && typeof sample.offsetMs === 'number' ? sample : undefined;
  } catch {
    return undefined;
  }
}
