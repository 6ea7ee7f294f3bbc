import { useId } from 'preact/hooks';
import type { Settings } from '../../../core/settings';
import { send } from '../../../messaging/client';
import { SubHeader } from '../../components/SubHeader';
import { durationLabel } from '../../duration';
import { t } from '../../i18n';
import { HELP_URL } from '../../links';
import type { Shell } from '../shell';
import { PasswordSection } from './settings/PasswordSection';
import { StorageSection } from './settings/StorageSection';

const AUTO_LOCK_MINUTES = [1, 5, 15, 30, 60, 240, 0];
const CLIPBOARD_SECONDS = [15, 30, 60, 120, 0];

interface Props {
  shell: Shell;
  /** Opened from "Lock" without a password: setting one is the point of being here. */
  forLock: boolean;
}

/** A value set elsewhere (policy, an older version) stays selectable instead of silently changing. */
const withCurrent = (choices: number[], current: number) =>
  choices.includes(current)
    ? choices
    : [...choices, current].sort((a, b) => (a || Infinity) - (b || Infinity));

export function SettingsView({ shell, forLock }: Props) {
  const { settings } = shell;
  const autoLockId = useId();
  const clipboardId = useId();
  const titleId = useId();

  const change = async (patch: Partial<Settings>) => {
    const result = await send('settings.set', { patch });
    if (result.ok) shell.setSettings(result.value);
    else shell.failed(result.error);
  };

  return (
    <>
      <SubHeader title={t('settings')} onBack={() => shell.back()} />
      <main class="view">
        <PasswordSection
          status={shell.status}
          forLock={forLock}
          onStatus={shell.setStatus}
          onLocked={shell.showLocked}
        />
        <section class="card" aria-labelledby={titleId}>
          <h2 id={titleId}>{t('security_section')}</h2>
          <div class="field">
            <label class="field-label" for={autoLockId}>
              {t('auto_lock')}
            </label>
            <select
              id={autoLockId}
              aria-describedby={`${autoLockId}-hint`}
              value={String(settings.autoLockMinutes)}
              onChange={(event) => change({ autoLockMinutes: Number(event.currentTarget.value) })}
            >
              {withCurrent(AUTO_LOCK_MINUTES, settings.autoLockMinutes).map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {durationLabel(minutes * 60)}
                </option>
              ))}
            </select>
            <span id={`${autoLockId}-hint`} class="field-hint">
              {t('auto_lock_hint')}
            </span>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.lockOnScreenLock}
              onChange={(event) => change({ lockOnScreenLock: event.currentTarget.checked })}
            />
            <span>{t('lock_on_screen_lock')}</span>
          </label>
          <div class="field">
            <label class="field-label" for={clipboardId}>
              {t('clipboard_clear')}
            </label>
            <select
              id={clipboardId}
              aria-describedby={`${clipboardId}-hint`}
              value={String(settings.clipboardClearSeconds)}
              onChange={(event) => change({ clipboardClearSeconds: Number(event.currentTarget.value) })}
            >
              {withCurrent(CLIPBOARD_SECONDS, settings.clipboardClearSeconds).map((seconds) => (
                <option key={seconds} value={String(seconds)}>
                  {durationLabel(seconds)}
                </option>
              ))}
            </select>
            <span id={`${clipboardId}-hint`} class="field-hint">
              {t('clipboard_clear_hint')}
            </span>
          </div>
        </section>
        <StorageSection />
        <p class="view-footer">
          <a class="link" href={HELP_URL} target="_blank" rel="noopener noreferrer">
            {t('help')}
          </a>
        </p>
      </main>
    </>
  );
}
