import { send } from '../../../messaging/client';
import { OrgHelp } from '../../components/OrgHelp';
import { ScanResults, type ScanState } from '../../components/ScanResults';
import { SubHeader } from '../../components/SubHeader';
import { t } from '../../i18n';
import { upsert } from '../account-actions';
import type { Shell, Target } from '../shell';
import { usePastedScan } from './scan/start-scan';

interface Props {
  shell: Shell;
  state: ScanState;
  /** The tab that was scanned; none for a pasted image. */
  target: Target | undefined;
  seq: number;
}

/** What a scan of the tab or of a pasted image found (scan/scan.ts runs it). */
export function ScanView({ shell, state, target, seq }: Props) {
  const code = state.phase === 'failed' ? state.error.code : undefined;
  // Neither the tab nor an area of it may be read here: the organisation said so, or the browser.
  const pageRefused = code === 'capture-forbidden' || code === 'policy-forbidden';
  usePastedScan(shell);
  return (
    <>
      <SubHeader title={t('scan_qr')} onBack={() => shell.back()} focusTitle />
      <main class="view" aria-busy={state.phase === 'busy'}>
        <ScanResults
          key={seq}
          state={state}
          image={!target}
          onAdded={(account, askSite) => {
            upsert(shell, account);
            // The same question as for a lone code, at once: the popup may not be open later.
            if (askSite) shell.go({ name: 'added', id: account.id, askSite });
            else shell.setHighlightId(account.id);
          }}
          onFailure={shell.failed}
        />
        {code === 'policy-forbidden' && <OrgHelp policy={shell.policy.policy} />}
        {state.phase !== 'busy' && (
          <div class="form-buttons">
            {target && !pageRefused && (
              <button
                type="button"
                class={code === 'no-qr' ? 'btn btn-primary' : 'btn'}
                title={t('scan_select_area_hint')}
                // The user draws on the page, so the popup gets out of the way.
                onClick={() => void send('scan.selectArea', target).then(() => window.close())}
              >
                {t('scan_select_area')}
              </button>
            )}
            <button type="button" class={code ? 'btn' : 'btn btn-primary'} onClick={() => shell.back()}>
              {t(code ? 'back' : 'done')}
            </button>
          </div>
        )}
      </main>
    </>
  );
}
