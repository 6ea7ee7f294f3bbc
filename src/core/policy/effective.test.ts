import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';
import { effectiveSettings, passwordProblem } from './effective';
import { parsePolicy } from './parse';

const settingsArb: fc.Arbitrary<Settings> = fc
  .record({
    autoLockMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 24 * 60 })),
    lockOnScreenLock: fc.boolean(),
    clipboardClearSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600 })),
    autoSubmit: fc.boolean(),
  })
  .map((partial) => normalizeSettings({ ...DEFAULT_SETTINGS, ...partial }));

describe('effectiveSettings', () => {
  it('changes nothing and locks nothing without a policy', () => {
    expect(effectiveSettings(DEFAULT_SETTINGS, {})).toEqual({
      settings: DEFAULT_SETTINGS,
      locked: [],
      maximums: {},
    });
  });

  for (const key of ['autoLockMinutes', 'clipboardClearSeconds'] as const) {
    const top = key === 'autoLockMinutes' ? 24 * 60 : 600;

    it(`${key}: never above the maximum, "never" (0) becomes the maximum`, () => {
      fc.assert(
        fc.property(settingsArb, fc.integer({ min: 1, max: top }), (user, maximum) => {
          const { settings, locked, maximums } = effectiveSettings(user, { [key]: maximum });
          expect(settings[key]).toBeGreaterThan(0);
          expect(settings[key]).toBeLessThanOrEqual(maximum);
          if (user[key] === 0 || user[key] > maximum) expect(settings[key]).toBe(maximum);
          expect(locked).toContain(key);
          expect(maximums[key]).toBe(maximum);
        }),
      );
    });

    it(`${key}: a user's shorter choice is kept`, () => {
      fc.assert(
        fc.property(settingsArb, fc.integer({ min: 1, max: top }), (user, maximum) => {
          fc.pre(user[key] > 0 && user[key] <= maximum);
          expect(effectiveSettings(user, { [key]: maximum }).settings[key]).toBe(user[key]);
        }),
      );
    });
  }

  it('forces lockOnScreenLock on, and leaves it to the user when the policy says false', () => {
    const user = { ...DEFAULT_SETTINGS, lockOnScreenLock: false };
    expect(effectiveSettings(user, { lockOnScreenLock: true })).toMatchObject({
      settings: { lockOnScreenLock: true },
      locked: ['lockOnScreenLock'],
    });
    expect(effectiveSettings(user, { lockOnScreenLock: false })).toMatchObject({
      settings: { lockOnScreenLock: false },
      locked: [],
    });
  });

  it('forces autoSubmit either way', () => {
    fc.assert(
      fc.property(settingsArb, fc.boolean(), (user, forced) => {
        const { settings, locked } = effectiveSettings(user, { autoSubmit: forced });
        expect(settings.autoSubmit).toBe(forced);
        expect(locked).toEqual(['autoSubmit']);
      }),
    );
  });

  it('touches only the settings policy governs, and never the input', () => {
    fc.assert(
      fc.property(settingsArb, fc.jsonValue(), (user, raw) => {
        const before = structuredClone(user);
        const { settings, locked } = effectiveSettings(user, parsePolicy(raw).policy);
        expect(user).toEqual(before);
        for (const key of Object.keys(user) as (keyof Settings)[]) {
          if (!locked.includes(key)) expect(settings[key]).toBe(user[key]);
        }
      }),
    );
  });
});

describe('passwordProblem', () => {
  const { policy } = parsePolicy({
    passwordMinLength: 12,
    passwordPattern: '\\d',
    passwordPatternHint: { en: 'Use a digit.', nl: 'Gebruik een cijfer.' },
  });

  it('names the minimum for a short password', () => {
    expect(passwordProblem('short1', policy)).toEqual({ key: 'passwordMinLength', min: 12 });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('😀'.repeat(11), { passwordMinLength: 12 })).toEqual({
      key: 'passwordMinLength',
      min: 12,
    });
    expect(passwordProblem('😀'.repeat(12), { passwordMinLength: 12 })).toBeUndefined();
  });

  it('gives the hint when the pattern does not match', () => {
    expect(passwordProblem('long enough but no digit', policy)).toEqual({
      key: 'passwordPattern',
      hint: { en: 'Use a digit.', nl: 'Gebruik een cijfer.' },
    });
  });

  it('accepts a password that meets every rule, and any password without a policy', () => {
    expect(passwordProblem('twelve chars 1', policy)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (password) => {
        expect(passwordProblem(password, {})).toBeUndefined();
      }),
    );
  });

  it('ignores a pattern that does not compile instead of throwing', () => {
    expect(passwordProblem('anything', { passwordPattern: '(' })).toBeUndefined();
  });
});
