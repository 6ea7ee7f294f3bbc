import { useId } from 'preact/hooks';
import type { Settings } from '../../../core/settings';
import { send } from '../../../messaging/client';
import { HelpLink } from '../../components/HelpLink';
import { OrgHelp } from '../../components/OrgHelp';
import { SubHeader } from '../../components/SubHeader';
import { durationLabel } from '../../duration';
import { t } from '../../i18n';
import type { Shell } from '../shell';
import { AuthenticatorSection } from './settings/AuthenticatorSection';
import { PasswordSection } from './settings/PasswordSection';
import { StorageSection } from './settings/StorageSection';
import { SyncSection } from './settings/SyncSection';

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

/**
 * Under an organisation's maximum: only the shorter choices and the maximum itself; "never" (0) is
 * longer than any maximum.
 */
const upTo = (choices: number[], maximum: number | undefined) =>
  maximum === undefined
    ? choices
    : withCurrent(
        choices.filter((value) => value > 0 && value <= maximum),
        maximum,
      );

export function SettingsView({ shell, forLock }: Props) {
  const { settings } = shell;
  const { policy, locked, maximums } = shell.policy;
  const autoLockId = useId();
  const clipboardId = useId();
  const screenLockId = useId();
  const titleId = useId();
  const maxAutoLock = maximums.autoLockMinutes;
  const maxClipboard = maximums.clipboardClearSeconds;
  const screenLockForced = locked.includes('lockOnScreenLock');

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
          policy={policy}
          forLock={forLock}
          onStatus={shell.setStatus}
          onLocked={shell.showLocked}
        />
        <AuthenticatorSection status={shell.status} policy={policy} onLocked={shell.showLocked} />
        <SyncSection policy={policy} onLocked={shell.showLocked} />
        <section class="card" aria-labelledby={titleId}>
          <h2 id={titleId}>{t('security_section')}</h2>
          <div class="field">
            <label class="field-label" for={autoLockId}>
              {t('auto_lock')}
            </label>
            <select
              id={autoLockId}
              aria-describedby={
                maxAutoLock === undefined ? `${autoLockId}-hint` : `${autoLockId}-org ${autoLockId}-hint`
              }
              value={String(settings.autoLockMinutes)}
              onChange={(event) => change({ autoLockMinutes: Number(event.currentTarget.value) })}
            >
              {withCurrent(upTo(AUTO_LOCK_MINUTES, maxAutoLock), settings.autoLockMinutes).map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {durationLabel(minutes * 60)}
                </option>
              ))}
            </select>
            {maxAutoLock !== undefined && (
              <span id={`${autoLockId}-org`} class="org-locked">
                {t('org_at_most', durationLabel(maxAutoLock * 60))}
              </span>
            )}
            <span id={`${autoLockId}-hint`} class="field-hint">
              {t('auto_lock_hint')}
            </span>
          </div>
          <div class="field">
            <label class="check">
              <input
                type="checkbox"
                checked={settings.lockOnScreenLock}
                disabled={screenLockForced}
                aria-describedby={screenLockForced ? screenLockId : undefined}
                onChange={(event) => change({ lockOnScreenLock: event.currentTarget.checked })}
              />
              <span>{t('lock_on_screen_lock')}</span>
            </label>
            {screenLockForced && (
              <span id={screenLockId} class="org-locked">
                {t('org_locked')}
              </span>
            )}
          </div>
          <div class="field">
            <label class="field-label" for={clipboardId}>
              {t('clipboard_clear')}
            </label>
            <select
              id={clipboardId}
              aria-describedby={
                maxClipboard === undefined ? `${clipboardId}-hint` : `${clipboardId}-org ${clipboardId}-hint`
              }
              value={String(settings.clipboardClearSeconds)}
              onChange={(event) => change({ clipboardClearSeconds: Number(event.currentTarget.value) })}
            >
              {withCurrent(upTo(CLIPBOARD_SECONDS, maxClipboard), settings.clipboardClearSeconds).map(
                (seconds) => (
                  <option key={seconds} value={String(seconds)}>
                    {durationLabel(seconds)}
                  </option>
                ),
              )}
            </select>
            {maxClipboard !== undefined && (
              <span id={`${clipboardId}-org`} class="org-locked">
                {t('org_at_most', durationLabel(maxClipboard))}
              </span>
            )}
            <span id={`${clipboardId}-hint`} class="field-hint">
              {t('clipboard_clear_hint')}
            </span>
          </div>
        </section>
        <StorageSection />
        <p class="view-footer">
          <HelpLink />
        </p>
        <OrgHelp policy={policy} class="view-footer" />
      </main>
    </>
  );
}
