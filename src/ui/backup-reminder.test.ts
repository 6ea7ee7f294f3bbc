import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKUP_REMINDER_DAYS, backupReminder } from './backup-reminder';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1);
const never = { lastBackupAt: 0, backupReminderDismissedAt: 0 };

describe('backupReminder', () => {
  it('says nothing while there is nothing to lose', () => {
    expect(backupReminder([], never, NOW)).toBeUndefined();
  });

  it('asks as soon as the first account is there and no backup was ever made', () => {
    expect(backupReminder([{ createdAt: NOW - 1000 }], never, NOW)).toBe('first');
  });

  it('stays quiet after "Not now" until a month has passed with new accounts', () => {
    const dismissed = { lastBackupAt: 0, backupReminderDismissedAt: NOW - 2 * DAY };
    expect(backupReminder([{ createdAt: NOW - DAY }], dismissed, NOW)).toBeUndefined();
    const later = NOW + BACKUP_REMINDER_DAYS * DAY;
    expect(backupReminder([{ createdAt: NOW - DAY }], dismissed, later)).toBe('stale');
  });

  it('asks again a month after a backup only when accounts were added since', () => {
    const backedUp = { lastBackupAt: NOW - 40 * DAY, backupReminderDismissedAt: 0 };
    expect(backupReminder([{ createdAt: NOW - 50 * DAY }], backedUp, NOW)).toBeUndefined();
    expect(
      backupReminder([{ createdAt: NOW - 50 * DAY }, { createdAt: NOW - 35 * DAY }], backedUp, NOW),
    ).toBe('stale');
    const recent = { lastBackupAt: NOW - 10 * DAY, backupReminderDismissedAt: 0 };
    expect(backupReminder([{ createdAt: NOW - DAY }], recent, NOW)).toBeUndefined();
  });

  it("waits the organisation's backupReminderDays instead of a month when it sets them", () => {
    const backedUp = { lastBackupAt: NOW, backupReminderDismissedAt: 0 };
    const added = [{ createdAt: NOW + DAY }];
    expect(backupReminder(added, backedUp, NOW + 6 * DAY, 7)).toBeUndefined();
    expect(backupReminder(added, backedUp, NOW + 7 * DAY, 7)).toBe('stale');
    // Longer than a month, too: at 30 days the default would ask, the policy's 90 does not yet.
    expect(backupReminder(added, backedUp, NOW + 30 * DAY)).toBe('stale');
    expect(backupReminder(added, backedUp, NOW + 30 * DAY, 90)).toBeUndefined();
    expect(backupReminder(added, backedUp, NOW + 90 * DAY, 90)).toBe('stale');
  });

  it('never asks when every account is covered by the last backup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: NOW }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 1000 }),
        (created, daysLater) => {
          const lastBackupAt = Math.max(...created);
          const accounts = created.map((createdAt) => ({ createdAt }));
          const settings = { lastBackupAt, backupReminderDismissedAt: 0 };
          expect(backupReminder(accounts, settings, lastBackupAt + daysLater * DAY)).toBeUndefined();
        },
      ),
    );
  });
});
