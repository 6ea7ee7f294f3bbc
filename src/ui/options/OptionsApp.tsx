import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { VaultStatus } from '../../messaging/protocol';
import { Toast } from '../components/Toast';
import { t } from '../i18n';
import { onPolicyChange, usePolicy } from '../policy';
import { PolicyContext } from './page-policy';
import { AccountImport } from './sections/AccountImport';
import { Backup } from './sections/Backup';
import { ImageImport } from './sections/ImageImport';
import { MoveToPhone } from './sections/MoveToPhone';
import { OrganisationPolicy } from './sections/OrganisationPolicy';
import { PasswordRequired } from './sections/PasswordRequired';
import { Unlock } from './sections/Unlock';

/**
 * The full page for what needs files (a popup closes as soon as a file picker opens) or room. Each
 * section is a component of its own in sections/: a new one is a file there and a line here.
 *
 * Sections that read accounts wait behind one unlock form; the QR image section does not need it.
 * A restore under way has the page to itself, so none of its fields shares a name with another's.
 * The organisation's policy comes first: it explains why a section below may be turned off.
 */
export function OptionsApp() {
  const [status, setStatus] = useState<VaultStatus>();
  const [restoring, setRestoring] = useState(false);
  const [justUnlocked, setJustUnlocked] = useState(false);
  const policy = usePolicy();

  const refresh = async () => {
    const result = await send('vault.status', {});
    if (result.ok) setStatus(result.value);
  };

  useEffect(() => {
    void refresh();
    // Auto-lock may have struck while the page was in the background.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    // The password the policy requires is set in the popup, over this still visible page.
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    // requirePassword may come or go while the page is open.
    const stopWatching = onPolicyChange(() => void refresh());
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onFocus);
      stopWatching();
    };
  }, []);

  const mustSetPassword = status?.passwordRequired === true;
  const unlocked = status?.state === 'unlocked' && !mustSetPassword;

  // The popup's backup reminder opens options.html#backup; that section appears only once unlocked.
  useEffect(() => {
    if (!unlocked) return;
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    target?.scrollIntoView({ block: 'start' });
    if (justUnlocked) {
      (target?.querySelector<HTMLElement>('h2') ?? document.getElementById('restore-title'))?.focus();
      setJustUnlocked(false);
    }
  }, [unlocked]);

  const takeover = unlocked && restoring;

  return (
    <div class="page">
      <header class="page-head">
        <h1 class="brand">
          <img class="logo" src="/icon/tweestap.svg" alt="" width="32" height="32" />
          <span>{t('extName')}</span>
        </h1>
      </header>
      <main class="page-main">
        <PolicyContext.Provider value={policy}>
          {!takeover && <OrganisationPolicy key="policy" />}
          {mustSetPassword && <PasswordRequired key="password" />}
          {status?.state === 'locked' && (
            <Unlock
              key="unlock"
              onUnlocked={(next) => {
                setJustUnlocked(true);
                setStatus(next);
              }}
            />
          )}
          {!takeover && !mustSetPassword && <ImageImport key="image" />}
          {unlocked && <AccountImport key="import" onLocked={() => void refresh()} onActive={setRestoring} />}
          {unlocked && !takeover && <Backup key="backup" onLocked={() => void refresh()} />}
          {unlocked && !takeover && <MoveToPhone key="move" onLocked={() => void refresh()} />}
        </PolicyContext.Provider>
      </main>
      <Toast />
    </div>
  );
}
