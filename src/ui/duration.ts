import { t } from './i18n';

/** "30 seconds", "1 minute", "4 hours", "Never": for the settings' choices. */
export function durationLabel(seconds: number): string {
  if (seconds === 0) return t('never');
  if (seconds % 3600 === 0)
    return seconds === 3600 ? t('duration_hour') : t('duration_hours', String(seconds / 3600));
  if (seconds % 60 === 0)
    return seconds === 60 ? t('duration_minute') : t('duration_minutes', String(seconds / 60));
  return t('duration_seconds', String(seconds));
}
