/**
 * User settings: not secret, but some decide security (auto-lock, auto-submit, the clock), so the
 * worker keeps them beside the vault, not in storage.local. Policy (a later issue) may pin some.
 */
export interface Settings {
  autoLockMinutes: number;
  lockOnScreenLock: boolean;
  clipboardClearSeconds: number;
  /** The one-screen tour has been shown. */
  tourDone: boolean;
  /** Submit the login form after filling the code. Off: the user stays in control. */
  autoSubmit: boolean;
  /** Set by hand when the computer's clock is wrong and no site could be asked; wins over measuring. */
  manualClockOffsetSeconds: number;
  /** The user said "Not now" to the suggestion to set a password. */
  passwordNudgeDismissed: boolean;
  /** When the last encrypted backup was saved (ms since the epoch); 0: never. */
  lastBackupAt: number;
  /** When the user last said "Not now" to the backup reminder; 0: never. */
  backupReminderDismissedAt: number;
}

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  lockOnScreenLock: true,
  clipboardClearSeconds: 30,
  tourDone: false,
  autoSubmit: false,
  manualClockOffsetSeconds: 0,
  passwordNudgeDismissed: false,
  lastBackupAt: 0,
  backupReminderDismissedAt: 0,
};

const LIMITS = {
  // 0 means "never"; the top keeps a forgotten laptop from staying unlocked for days.
  autoLockMinutes: [0, 24 * 60],
  // 0 means "do not clear".
  clipboardClearSeconds: [0, 600],
  manualClockOffsetSeconds: [-24 * 3600, 24 * 3600],
  lastBackupAt: [0, Number.MAX_SAFE_INTEGER],
  backupReminderDismissedAt: [0, Number.MAX_SAFE_INTEGER],
} as const;

function clampNumber(value: unknown, [min, max]: readonly [number, number], fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

function clampInteger(value: unknown, [min, max]: readonly [number, number], fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Accepts anything (storage can hold old or hand-edited values) and returns valid settings. */
export function normalizeSettings(input: unknown): Settings {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return {
    // Fractions are allowed (tests use a few seconds); the settings page offers whole minutes.
    autoLockMinutes: clampNumber(
      raw.autoLockMinutes,
      LIMITS.autoLockMinutes,
      DEFAULT_SETTINGS.autoLockMinutes,
    ),
    lockOnScreenLock:
      typeof raw.lockOnScreenLock === 'boolean' ? raw.lockOnScreenLock : DEFAULT_SETTINGS.lockOnScreenLock,
    clipboardClearSeconds: clampInteger(
      raw.clipboardClearSeconds,
      LIMITS.clipboardClearSeconds,
      DEFAULT_SETTINGS.clipboardClearSeconds,
    ),
    tourDone: typeof raw.tourDone === 'boolean' ? raw.tourDone : DEFAULT_SETTINGS.tourDone,
    autoSubmit: typeof raw.autoSubmit === 'boolean' ? raw.autoSubmit : DEFAULT_SETTINGS.autoSubmit,
    manualClockOffsetSeconds: clampInteger(
      raw.manualClockOffsetSeconds,
      LIMITS.manualClockOffsetSeconds,
      DEFAULT_SETTINGS.manualClockOffsetSeconds,
    ),
    passwordNudgeDismissed:
      typeof raw.passwordNudgeDismissed === 'boolean'
        ? raw.passwordNudgeDismissed
        : DEFAULT_SETTINGS.passwordNudgeDismissed,
    lastBackupAt: clampInteger(raw.lastBackupAt, LIMITS.lastBackupAt, DEFAULT_SETTINGS.lastBackupAt),
    backupReminderDismissedAt: clampInteger(
      raw.backupReminderDismissedAt,
      LIMITS.backupReminderDismissedAt,
      DEFAULT_SETTINGS.backupReminderDismissedAt,
    ),
  };
}
