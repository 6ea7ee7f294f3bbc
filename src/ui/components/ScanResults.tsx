import { useState } from 'preact/hooks';
import type { OtpAccount, StoredAccount } from '../../core/account';
import type { ProtocolError } from '../../core/errors';
import type { ScannedCode } from '../../core/scan-result';
import { send } from '../../messaging/client';
import type { ScanResponse } from '../../messaging/protocol';
import { accountName } from '../account-name';
import { errorText, t, tCount } from '../i18n';
import { showError } from '../policy-help';
import { showToast } from '../toast';
import { AccountWarnings } from './AccountWarnings';
import { Who } from './Who';

/** A scan of the page or of an image, from the click to what it found. */
export type ScanState =
  | { phase: 'idle' }
  | { phase: 'busy' }
  | { phase: 'done'; response: ScanResponse }
  | { phase: 'failed'; error: ProtocolError };

type Mark = 'busy' | 'added' | 'duplicate' | undefined;

/** What a code that is not an account is, in one sentence. */
export function whatItIs(code: Exclude<ScannedCode, { kind: 'account' }>): string {
  if (code.kind === 'invalid') return `${t('scan_invalid')} ${errorText({ code: code.error })}`;
  if (code.kind === 'migration') return t('scan_migration');
  if (code.what === 'web-link') return code.host ? t('scan_web_link', code.host) : t('scan_web_link_plain');
  return t(`scan_${code.what}`);
}

interface Props {
  state: ScanState;
  /** The scan read an image, not the page: "no QR code on this page" would say the wrong thing. */
  image: boolean;
  /** `askSite`: added with no site, for the user to say which (see ScannedCode). */
  onAdded?: (account: StoredAccount, askSite?: string) => void;
  onFailure: (error: ProtocolError) => void;
}

/**
 * The one live region says how the scan went; below it, each code found, with "Add" for accounts.
 * Mount one per scan (a key): what was added is remembered by position.
 */
export function ScanResults({ state, image, onAdded, onFailure }: Props) {
  const [marks, setMarks] = useState<Record<number, Mark>>({});
  const response = state.phase === 'done' ? state.response : undefined;
  const codes = response?.codes ?? [];
  const [only, second] = codes;
  const lone = !second && only?.kind !== 'account' ? only : undefined;
  const mark = (index: number, value: Mark) => setMarks((current) => ({ ...current, [index]: value }));

  const add = async (index: number, account: OtpAccount, askSite?: string) => {
    mark(index, 'busy');
    const sites = askSite ? [] : response?.sites;
    const result = await send('vault.add', { account: { ...account, sites } });
    const code = result.ok ? undefined : result.error.code;
    mark(index, result.ok ? 'added' : code === 'duplicate' ? code : undefined);
    if (result.ok) {
      onAdded?.(result.value, askSite);
      showToast(t('added', accountName(account)));
    } else if (code === 'locked') onFailure(result.error);
    else showError(result.error);
  };

  return (
    <>
      <p class={state.phase === 'failed' ? 'scan-status error' : 'scan-status'} role="status">
        {state.phase === 'busy' && <span class="spinner" />}
        {state.phase === 'busy'
          ? t(image ? 'scan_busy_image' : 'scan_busy')
          : state.phase === 'failed'
            ? image && state.error.code === 'no-qr'
              ? t('scan_no_qr_image')
              : errorText(state.error)
            : lone
              ? whatItIs(lone)
              : response && tCount('scan_found', codes.length)}
      </p>
      {response && !lone && (
        <ul class="choices found">
          {/* Keyed by position: one scan's list never changes. */}
          {codes.map((code, index) => {
            if (code.kind !== 'account') return <li key={index}>{whatItIs(code)}</li>;
            const state = marks[index] ?? (code.status === 'new' ? undefined : code.status);
            return (
              <li key={index}>
                <Who account={code.account}>
                  <AccountWarnings account={code.account} />
                </Who>
                {/* Stays a button when it says "Added", so focus stays where it was. */}
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={state ? undefined : t('scan_add_for', accountName(code.account))}
                  aria-disabled={!!state}
                  onClick={() => !state && void add(index, code.account, code.askSite)}
                >
                  {t(state === 'duplicate' ? 'scan_already' : state ? 'scan_added' : 'scan_add')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
