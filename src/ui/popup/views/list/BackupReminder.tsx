import { browser } from 'wxt/browser';
import { send } from '../../../../messaging/client';
import type { BackupReminder as Kind } from '../../../backup-reminder';
import { daysSince } from '../../../backup-reminder';
import { t, tCount } from '../../../i18n';
import type { Shell } from '../../shell';
import { Banner } from './Banner';

async function dismiss(shell: Shell) {
  const now = Date.now();
  shell.setSettings((current) => ({ ...current, backupReminderDismissedAt: now }));
  const result = await send('settings.set', { patch: { backupReminderDismissedAt: now } });
  if (result.ok) shell.setSettings(result.value);
}

/** The backup lives on the options page: a file download would close the popup halfway. */
function openBackup() {
  void browser.tabs
    .create({ url: browser.runtime.getURL('/options.html#backup') })
    .then(() => window.close());
}

/** Removing the extension loses every account: ask for a backup (see `backupReminder` for when). */
export function BackupReminder({ shell, kind }: { shell: Shell; kind: Kind }) {
  const { lastBackupAt } = shell.settings;
  const text =
    kind === 'first'
      ? t('backup_reminder_first')
      : lastBackupAt === 0
        ? t('backup_reminder_stale_never')
        : tCount('backup_reminder_stale', daysSince(lastBackupAt, Date.now()));
  return (
    <Banner
      title={t('backup_reminder_title')}
      text={text}
      action={t('backup_reminder_action')}
      onAction={openBackup}
      onNotNow={() => void dismiss(shell)}
    />
  );
}
