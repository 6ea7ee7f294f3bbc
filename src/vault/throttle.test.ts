import { describe, expect, it } from 'vitest';
import { delayAfter, parseThrottle, recordAttempt, remainingWait } from './throttle.ts';

describe('throttle', () => {
  it('is free for four failures, then doubles from 1 s up to 60 s', () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 50].map(delayAfter)).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });

  it('counts attempts and computes the remaining wait', () => {
    let state = parseThrottle(undefined);
    for (let i = 0; i < 5; i++) state = recordAttempt(state, 100);
    expect(state).toEqual({ failures: 5, nextAllowedAt: 1100 });
    expect(remainingWait(state, 600)).toEqual({ wait: 500 });
    expect(remainingWait(state, 2000)).toEqual({ wait: 0 });
  });

  it('caps the wait when the clock went backwards, and says how to repair the state', () => {
    const state = { failures: 6, nextAllowedAt: 1_000_000 };
    expect(remainingWait(state, 0)).toEqual({ wait: 2000, corrected: { failures: 6, nextAllowedAt: 2000 } });
  });

  it('treats garbage as a clean state', () => {
    expect(parseThrottle({ failures: -3, nextAllowedAt: 'x' })).toEqual({ failures: 0, nextAllowedAt: 0 });
  });
});
