import * as v from 'valibot';
import type { Settings } from '../../core/settings';
import { EMPTY } from '../schemas';
import { message } from '../spec';

/** Any subset of the settings; `normalizeSettings` clamps each value to its range afterwards. */
const SETTINGS_PATCH = v.partial(
  v.object({
    autoLockMinutes: v.number(),
    lockOnScreenLock: v.boolean(),
    clipboardClearSeconds: v.number(),
    tourDone: v.boolean(),
    autoSubmit: v.boolean(),
    manualClockOffsetSeconds: v.number(),
    passwordNudgeDismissed: v.boolean(),
    // lastBackupAt is not here: only a saved backup sets it (src/background/backup.ts).
    backupReminderDismissedAt: v.number(),
  }),
);

export const settingsMessages = {
  'settings.get': message<Settings>()({ from: 'extension-page', request: EMPTY }),
  'settings.set': message<Settings>()({
    from: 'extension-page',
    policy: 'changeSettings',
    request: v.object({ patch: SETTINGS_PATCH }),
  }),
};
