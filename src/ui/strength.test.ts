import { describe, expect, it } from 'vitest';
import { passwordStrength } from './strength';

describe('passwordStrength', () => {
  it('calls short and common passwords weak', () => {
    expect(passwordStrength('')).toBe('weak');
    expect(passwordStrength('Ab1!')).toBe('weak');
    expect(passwordStrength('password')).toBe('weak');
    expect(passwordStrength('Wachtwoord2024!')).toBe('weak');
    expect(passwordStrength('12345678901')).toBe('weak');
    expect(passwordStrength('aaaaaaaaaa')).toBe('weak');
    expect(passwordStrength('abcdefghij')).toBe('weak');
    expect(passwordStrength('lowercase')).toBe('weak');
  });

  it('calls mixed medium passwords fair', () => {
    expect(passwordStrength('Zonnebloem7')).toBe('fair');
    expect(passwordStrength('fietsbelletje')).toBe('fair');
  });

  it('calls long or long-and-mixed passwords strong', () => {
    expect(passwordStrength('paard batterij nietje')).toBe('strong');
    expect(passwordStrength('Zonnebloem7!x')).toBe('strong');
  });
});
