import { describe, expect, it } from 'vitest';
import { clockSentence, effectiveClockOffsetMs, shouldTellUser } from './clock-correction';

describe('effectiveClockOffsetMs', () => {
  it('ignores a measured difference of 10 s or less', () => {
    expect(effectiveClockOffsetMs({ measuredOffsetMs: 9_400 }, 0)).toBe(0);
    expect(effectiveClockOffsetMs({ measuredOffsetMs: -10_000 }, 0)).toBe(0);
  });
  it('corrects by a larger measured difference, rounded to whole seconds', () => {
    expect(effectiveClockOffsetMs({ measuredOffsetMs: 90_420 }, 0)).toBe(90_000);
    expect(effectiveClockOffsetMs({ measuredOffsetMs: -45_600 }, 0)).toBe(-46_000);
  });
  it('lets a manual offset win over any measurement', () => {
    expect(effectiveClockOffsetMs({ measuredOffsetMs: 90_000 }, -5)).toBe(-5_000);
    expect(effectiveClockOffsetMs({}, 30)).toBe(30_000);
  });
});

describe('shouldTellUser', () => {
  it('tells once per correction, and again when it changes by more than the threshold', () => {
    expect(shouldTellUser({}, 90_000)).toBe(true);
    expect(shouldTellUser({ toldOffsetMs: 90_000 }, 91_000)).toBe(false);
    expect(shouldTellUser({ toldOffsetMs: 90_000 }, 150_000)).toBe(true);
    expect(shouldTellUser({}, 0)).toBe(false);
  });
});

describe('clockSentence', () => {
  it('says behind for a positive offset and ahead for a negative one, in whole seconds', () => {
    const said: string[] = [];
    const translate = (key: string, seconds: string) => {
      said.push(`${key} ${seconds}`);
      return key;
    };
    clockSentence(90_400, translate);
    clockSentence(-12_600, translate);
    expect(said).toEqual(['noticeClockBehind 90', 'noticeClockAhead 13']);
  });
});
