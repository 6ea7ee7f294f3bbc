import { describe, expect, it } from 'vitest';
import {
  accountClockOffsetMs,
  CLOCK_READING_LIMIT_MS,
  clockSentence,
  parseClockReadings,
  shouldTellUser,
} from './clock-correction';

const reading = (offsetMs: number) => ({ offsetMs, at: 0, origin: 'https://school.nl' });

describe('accountClockOffsetMs', () => {
  it('ignores a measured difference of 10 s or less', () => {
    expect(accountClockOffsetMs(reading(9_400), 0)).toBe(0);
    expect(accountClockOffsetMs(reading(-10_000), 0)).toBe(0);
  });
  it('corrects by a larger measured difference, rounded to whole seconds', () => {
    expect(accountClockOffsetMs(reading(90_420), 0)).toBe(90_000);
    expect(accountClockOffsetMs(reading(-45_600), 0)).toBe(-46_000);
  });
  it('never believes a site more than ten minutes off (a page sending "Date: 1 Jan 1970")', () => {
    const epoch = Date.parse('Thu, 01 Jan 1970 00:00:00 GMT') - Date.now();
    expect(accountClockOffsetMs(reading(epoch), 0)).toBe(0);
    expect(accountClockOffsetMs(reading(CLOCK_READING_LIMIT_MS + 1), 0)).toBe(0);
    expect(accountClockOffsetMs(reading(Number.POSITIVE_INFINITY), 0)).toBe(0);
    expect(accountClockOffsetMs(reading(CLOCK_READING_LIMIT_MS), 0)).toBe(CLOCK_READING_LIMIT_MS);
  });
  it('lets a manual offset win over any measurement', () => {
    expect(accountClockOffsetMs(reading(90_000), -5)).toBe(-5_000);
    expect(accountClockOffsetMs(undefined, 30)).toBe(30_000);
    expect(accountClockOffsetMs(undefined, 0)).toBe(0);
  });
});

describe('shouldTellUser', () => {
  it('tells once per correction, and again when it changes by more than the threshold', () => {
    expect(shouldTellUser(undefined, 90_000)).toBe(true);
    expect(shouldTellUser(90_000, 91_000)).toBe(false);
    expect(shouldTellUser(90_000, 150_000)).toBe(true);
    expect(shouldTellUser(undefined, 0)).toBe(false);
  });
});

describe('parseClockReadings', () => {
  it('keeps believable readings and drops anything else a hand-edited profile might hold', () => {
    expect(
      parseClockReadings({
        a: { offsetMs: 90_000, at: 5, origin: 'https://a.nl', toldOffsetMs: 90_000 },
        b: { offsetMs: -1.8e12, at: 5, origin: 'https://b.nl' },
        c: { offsetMs: '9', origin: 'https://c.nl' },
        d: null,
      }),
    ).toEqual({ a: { offsetMs: 90_000, at: 5, origin: 'https://a.nl', toldOffsetMs: 90_000 } });
    expect(parseClockReadings('junk')).toEqual({});
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
