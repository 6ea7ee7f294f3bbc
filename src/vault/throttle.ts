/**
 * Wrong-password throttling. State is persisted so closing the popup or restarting the worker does
 * not reset it. An attempt is counted *before* the KDF runs: killing the worker mid-derivation (to
 * dodge the counter) still costs the attacker an attempt. Success resets the counter.
 */
export const FREE_ATTEMPTS = 5;
export const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 60_000;

export interface ThrottleState {
  failures: number;
  nextAllowedAt: number;
}

/** 0 for the first four failures, then 1 s, 2 s, 4 s … capped at 60 s. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export function parseThrottle(value: unknown): ThrottleState {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const failures =
    Number.isSafeInteger(v.failures) && (v.failures as number) > 0 ? (v.failures as number) : 0;
  const nextAllowedAt =
    typeof v.nextAllowedAt === 'number' && Number.isFinite(v.nextAllowedAt) ? v.nextAllowedAt : 0;
  return { failures, nextAllowedAt };
}

/**
 * Milliseconds to wait before another attempt, plus a corrected state when the clock went backwards
 * (otherwise moving the clock back a day would lock the user out for a day).
 */
export function remainingWait(
  state: ThrottleState,
  now: number,
): { wait: number; corrected?: ThrottleState } {
  const wait = state.nextAllowedAt - now;
  const cap = delayAfter(state.failures);
  if (wait > cap) return { wait: cap, corrected: { ...state, nextAllowedAt: now + cap } };
  return { wait: Math.max(0, wait) };
}

export function recordAttempt(state: ThrottleState, now: number): ThrottleState {
  const failures = state.failures + 1;
  return { failures, nextAllowedAt: now + delayAfter(failures) };
}
