/**
 * Codes depend on the computer's clock. When it is wrong, the site refuses every code (a care
 * platform's help page: "if the times differ, the code is wrong"). We correct by the offset we
 * measured against a site's own clock, or by the offset the user set by hand, which wins.
 */
export const CLOCK_CORRECTION_THRESHOLD_MS = 10_000;

export interface ClockState {
  /** Last offset measured against a site: site time minus this computer's time. */
  measuredOffsetMs?: number;
  measuredAt?: number;
  measuredOrigin?: string;
  /** The user has been told about the current correction. */
  toldOffsetMs?: number;
}

export function effectiveClockOffsetMs(state: ClockState, manualOffsetSeconds: number): number {
  if (manualOffsetSeconds !== 0) return manualOffsetSeconds * 1000;
  const measured = state.measuredOffsetMs ?? 0;
  // Small differences are jitter or within the site's window; correcting them would only add noise.
  return Math.abs(measured) > CLOCK_CORRECTION_THRESHOLD_MS ? Math.round(measured / 1000) * 1000 : 0;
}

/** Tell the user once per correction: again only when the correction itself changes noticeably. */
export function shouldTellUser(state: ClockState, offsetMs: number): boolean {
  if (offsetMs === 0) return false;
  return (
    state.toldOffsetMs === undefined ||
    Math.abs(state.toldOffsetMs - offsetMs) > CLOCK_CORRECTION_THRESHOLD_MS
  );
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
