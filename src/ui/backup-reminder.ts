import type { Settings } from '../core/settings';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long new accounts may go without a backup before the popup asks again, unless policy says. */
export const BACKUP_REMINDER_DAYS = 30;

export type BackupReminder = 'first' | 'stale';

/**
 * Whether the popup asks for a backup. Removing the extension loses every account, and nobody makes
 * a backup unprompted: ask once there is a first account, then again when accounts were added and
 * the last backup (or the last "Not now") is `days` old (a month, or the organisation's
 * `backupReminderDays`).
 */
export function backupReminder(
  accounts: readonly { createdAt: number }[],
  settings: Pick<Settings, 'lastBackupAt' | 'backupReminderDismissedAt'>,
  now: number,
  days: number = BACKUP_REMINDER_DAYS,
): BackupReminder | undefined {
  if (accounts.length === 0) return undefined;
  const { lastBackupAt, backupReminderDismissedAt } = settings;
  if (lastBackupAt === 0 && backupReminderDismissedAt === 0) return 'first';
  const since = Math.max(lastBackupAt, backupReminderDismissedAt);
  const addedSince = accounts.some((account) => account.createdAt > since);
  return addedSince && now - since >= days * DAY_MS ? 'stale' : undefined;
}

/** Whole days since the last backup, for "your last backup is N days old". */
export const daysSince = (then: number, now: number) => Math.floor((now - then) / DAY_MS);
