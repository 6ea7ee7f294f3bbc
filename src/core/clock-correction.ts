/**
 * Codes depend on the computer's clock. When it is wrong, the site refuses every code (a care
 * platform's help page: "if the times differ, the code is wrong"). We correct each account by the
 * offset measured against that account's own site, or by the offset the user set by hand, which wins.
 *
 * Readings are per account, never global: any page can send any `Date` header, and one page's clock
 * must not move the codes of every other site (or let a phishing page collect codes that only become
 * valid later). And they are bounded: a site more than ten minutes off is not believed at all.
 */
export const CLOCK_CORRECTION_THRESHOLD_MS = 10_000;
export const CLOCK_READING_LIMIT_MS = 10 * 60_000;

/** What we last measured against one account's site: site time minus this computer's time. */
export interface ClockReading {
  offsetMs: number;
  at: number;
  origin: string;
  /** The correction the user was last told about for this account. */
  toldOffsetMs?: number;
}

/** Readings by account id. */
export type ClockReadings = Record<string, ClockReading>;

export const believable = (offsetMs: number): boolean =>
  Number.isFinite(offsetMs) && Math.abs(offsetMs) <= CLOCK_READING_LIMIT_MS;

export function accountClockOffsetMs(reading: ClockReading | undefined, manualOffsetSeconds: number): number {
  if (manualOffsetSeconds !== 0) return manualOffsetSeconds * 1000;
  const measured = reading?.offsetMs ?? 0;
  if (!believable(measured)) return 0;
  // Small differences are jitter or within the site's window; correcting them would only add noise.
  return Math.abs(measured) > CLOCK_CORRECTION_THRESHOLD_MS ? Math.round(measured / 1000) * 1000 : 0;
}

/** Tell the user once per correction: again only when the correction itself changes noticeably. */
export function shouldTellUser(toldOffsetMs: number | undefined, offsetMs: number): boolean {
  if (offsetMs === 0) return false;
  return toldOffsetMs === undefined || Math.abs(toldOffsetMs - offsetMs) > CLOCK_CORRECTION_THRESHOLD_MS;
}

/** Readings as stored: anything that is not a finite, believable reading is left out. */
export function parseClockReadings(input: unknown): ClockReadings {
  const readings: ClockReadings = {};
  if (typeof input !== 'object' || input === null) return readings;
  for (const [id, raw] of Object.entries(input as Record<string, unknown>)) {
    const r = raw as Partial<ClockReading> | null;
    if (!r || typeof r.offsetMs !== 'number' || !believable(r.offsetMs) || typeof r.origin !== 'string')
      continue;
    readings[id] = {
      offsetMs: r.offsetMs,
      at: typeof r.at === 'number' ? r.at : 0,
      origin: r.origin,
      ...(typeof r.toldOffsetMs === 'number' ? { toldOffsetMs: r.toldOffsetMs } : {}),
    };
  }
  return readings;
}

/**
 * The one sentence that tells the user their clock is off, in whatever language `translate` speaks
 * (the popup's `t`, the worker's `i18n.getMessage`): a positive offset means the computer is behind.
 */
export function clockSentence(
  offsetMs: number,
  translate: (key: 'noticeClockBehind' | 'noticeClockAhead', seconds: string) => string,
): string {
  const seconds = String(Math.abs(Math.round(offsetMs / 1000)));
  return translate(offsetMs > 0 ? 'noticeClockBehind' : 'noticeClockAhead', seconds);
}
