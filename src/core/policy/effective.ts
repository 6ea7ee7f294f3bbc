import type { Settings } from '../settings';
import type { LocalText, Policy } from './keys';

/** A maximum where the user's 0 means "never", which is longer than any maximum. */
function capped(user: number, maximum: number | undefined): number {
  if (maximum === undefined) return user;
  return user === 0 || user > maximum ? maximum : user;
}

/**
 * The settings in force: the user's, with the organisation's limits and forced values applied.
 * `locked` lists the settings policy controls, for "Set by your organisation"; for a maximum the user
 * may still pick a shorter time, up to `maximums`. The user's own choice is not overwritten in
 * storage, so it returns when the policy goes away.
 */
export function effectiveSettings(
  user: Settings,
  policy: Policy,
): {
  settings: Settings;
  locked: (keyof Settings)[];
  maximums: Partial<Record<'autoLockMinutes' | 'clipboardClearSeconds', number>>;
} {
  const settings = { ...user };
  const locked: (keyof Settings)[] = [];
  const maximums: Partial<Record<'autoLockMinutes' | 'clipboardClearSeconds', number>> = {};
  if (policy.autoLockMinutes !== undefined) {
    settings.autoLockMinutes = capped(user.autoLockMinutes, policy.autoLockMinutes);
    maximums.autoLockMinutes = policy.autoLockMinutes;
    locked.push('autoLockMinutes');
  }
  // "Forced on": false in the policy leaves the choice to the user.
  if (policy.lockOnScreenLock === true) {
    settings.lockOnScreenLock = true;
    locked.push('lockOnScreenLock');
  }
  if (policy.clipboardClearSeconds !== undefined) {
    settings.clipboardClearSeconds = capped(user.clipboardClearSeconds, policy.clipboardClearSeconds);
    maximums.clipboardClearSeconds = policy.clipboardClearSeconds;
    locked.push('clipboardClearSeconds');
  }
  if (policy.autoSubmit !== undefined) {
    settings.autoSubmit = policy.autoSubmit;
    locked.push('autoSubmit');
  }
  // backupReminderDays has no user setting yet (the reminder's 30 days is a constant in the UI).
  return { settings, locked, maximums };
}

export type PasswordProblem =
  | { key: 'passwordMinLength'; min: number }
  | { key: 'passwordPattern'; hint: LocalText | undefined };

/** Why the organisation refuses this new password, or undefined when it is fine. */
export function passwordProblem(password: string, policy: Policy): PasswordProblem | undefined {
  // Characters as people count them: an emoji is one, not two UTF-16 units.
  if (policy.passwordMinLength !== undefined && [...password].length < policy.passwordMinLength) {
    return { key: 'passwordMinLength', min: policy.passwordMinLength };
  }
  if (policy.passwordPattern !== undefined) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(policy.passwordPattern, 'u');
    } catch {
      // parsePolicy drops patterns that do not compile; a hand-built Policy gets the same leniency.
      pattern = undefined;
    }
    if (pattern && !pattern.test(password))
      return { key: 'passwordPattern', hint: policy.passwordPatternHint };
  }
  return undefined;
}
