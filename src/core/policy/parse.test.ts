import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICY_KEY_NAMES } from './keys';
import { parsePolicy } from './parse';

const SCHOOL = {
  requirePassword: true,
  passwordMinLength: 12,
  passwordPattern: '\\d',
  passwordPatternHint: { en: 'Use at least one digit.', nl: 'Gebruik minstens één cijfer.' },
  autoLockMinutes: 5,
  lockOnScreenLock: true,
  clipboardClearSeconds: 20,
  disableExport: false,
  disablePlainExport: true,
  disableImport: false,
  disableManualEntry: true,
  allowedSites: ['School.nl', 'mail.school.nl.'],
  autoSubmit: false,
  disableSync: true,
  helpUrl: 'https://help.school.nl/tweestap',
  supportContact: 'ICT-servicedesk, 010 123 4567',
  backupReminderDays: 14,
};

describe('parsePolicy', () => {
  it('defines at least 16 keys', () => {
    expect(POLICY_KEY_NAMES.length).toBeGreaterThanOrEqual(16);
  });

  it('keeps every valid key, normalising domains', () => {
    const { policy, warnings } = parsePolicy(SCHOOL);
    expect(warnings).toEqual([]);
    expect(Object.keys(policy).sort()).toEqual(Object.keys(SCHOOL).sort());
    expect(policy.allowedSites).toEqual(['school.nl', 'mail.school.nl']);
    expect(policy.passwordMinLength).toBe(12);
    // Also a type check: Policy's value types are inferred from keys.ts, not `never` or `unknown`.
    expect(policy.allowedSites?.join(' ')).toBe('school.nl mail.school.nl');
    expect(policy.passwordPatternHint?.nl).toBe('Gebruik minstens één cijfer.');
    expect(policy.autoLockMinutes?.toFixed(0)).toBe('5');
  });

  it('reads a plain-text hint as the same text in both languages', () => {
    const { policy } = parsePolicy({ passwordPattern: '[A-Z]', passwordPatternHint: 'One capital' });
    expect(policy.passwordPatternHint).toEqual({ en: 'One capital', nl: 'One capital' });
  });

  it.each([
    ['requirePassword', 'yes'],
    ['passwordMinLength', -3],
    ['passwordMinLength', 8.5],
    ['passwordMinLength', '12'],
    ['passwordPattern', '(unclosed'],
    ['passwordPattern', 42],
    ['passwordPatternHint', []],
    ['autoLockMinutes', 0],
    ['autoLockMinutes', -5],
    ['clipboardClearSeconds', 10_000],
    ['allowedSites', 'school.nl'],
    ['allowedSites', ['https://school.nl/login']],
    ['autoSubmit', null],
    ['helpUrl', 'http://help.school.nl'],
    ['helpUrl', 'javascript:alert(1)'],
    ['helpUrl', 'not a url'],
    ['supportContact', ''],
    ['backupReminderDays', 0],
  ])('drops %s = %j with a warning and keeps the rest', (key, value) => {
    const { policy, warnings } = parsePolicy({ ...SCHOOL, [key]: value });
    expect(policy).not.toHaveProperty(key);
    expect(warnings.some((w) => w.key === key)).toBe(true);
    expect(policy.requirePassword === true || key === 'requirePassword').toBe(true);
  });

  it('writes international domains in punycode, as the browser does', () => {
    expect(parsePolicy({ allowedSites: ['Zorg-München.de'] }).policy.allowedSites).toEqual([
      'xn--zorg-mnchen-yhb.de',
    ]);
  });

  it('drops bad domains one by one', () => {
    const { policy, warnings } = parsePolicy({
      allowedSites: ['school.nl', 'http://x', 7, 'a..b', 'school.nl:443', 'zorg.nl'],
    });
    expect(policy.allowedSites).toEqual(['school.nl', 'zorg.nl']);
    expect(warnings.filter((w) => w.key === 'allowedSites')).toHaveLength(4);
  });

  it('warns about unknown keys and a hint without a pattern', () => {
    const { policy, warnings } = parsePolicy({ requirepassword: true, passwordPatternHint: 'x' });
    expect(warnings.map((w) => w.key)).toEqual(['requirepassword', 'passwordPatternHint']);
    expect(policy).toEqual({ passwordPatternHint: { en: 'x', nl: 'x' } });
  });

  it('treats a missing policy as empty and a non-object as one warning', () => {
    expect(parsePolicy(undefined)).toEqual({ policy: {}, warnings: [] });
    expect(parsePolicy([1, 2]).warnings).toHaveLength(1);
    expect(parsePolicy('requirePassword').policy).toEqual({});
  });

  it('ignores inherited keys such as __proto__ and toString', () => {
    const { policy, warnings } = parsePolicy(
      JSON.parse('{"__proto__": {"requirePassword": true}, "toString": 1}'),
    );
    expect(policy).toEqual({});
    expect(warnings).toHaveLength(2);
  });

  it('gives a result for any JSON, and every kept key is a known one', () => {
    const keyName = fc.oneof(fc.constantFrom(...POLICY_KEY_NAMES), fc.string());
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(keyName, fc.jsonValue())), (raw) => {
        const { policy, warnings } = parsePolicy(raw);
        for (const key of Object.keys(policy)) expect(POLICY_KEY_NAMES).toContain(key);
        for (const warning of warnings) expect(typeof warning.problem).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
