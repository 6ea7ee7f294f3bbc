import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { StoredAccount } from '../../../core/account';
import type { ProtocolError } from '../../../core/errors';
import { canTransfer, type TransferBatch, transferBatches } from '../../../core/formats/google-migration';
import { send } from '../../../messaging/client';
import { t } from '../../i18n';
import { byChosenOrder } from '../../order';
import { turnedOff, usePagePolicy } from '../page-policy';
import { PolicyReason, type Problem, ProblemText } from '../policy-notes';
import { AccountPicker, type PickableAccount } from './transfer/AccountPicker';
import { ByHand, type ByHandAccount } from './transfer/ByHand';
import { TransferCodes } from './transfer/TransferCodes';
import { usePageHidden } from './transfer/use-page-hidden';

type List =
  | { phase: 'loading' }
  | { phase: 'locked' }
  | { phase: 'failed'; error: ProtocolError }
  | { phase: 'ready'; transferable: PickableAccount[]; byHand: ByHandAccount[] };

/**
 * Google Authenticator's transfer codes (otpauth-migration://), so the same accounts work on a phone
 * too. The list shows names only; the secrets are read when the user asks for the codes, and
 * forgotten when the codes are hidden. Codes carry no password: under `disableExport` or
 * `disablePlainExport` only the steps and the reason are left, the accounts are not even listed.
 */
export function MoveToPhone({ onLocked }: { onLocked?: () => void }) {
  const off = turnedOff(usePagePolicy().policy).plain;
  if (!off) return <Transfer onLocked={onLocked} />;
  return (
    <section class="card transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transfer_title')}</h2>
      <p class="muted">{t('transfer_intro')}</p>
      <PolicyReason
        text={t(
          off === 'disableExport' ? 'options_policy_transfer_off' : 'options_policy_transfer_plain_off',
        )}
        policyKey={off}
      />
    </section>
  );
}

function Transfer({ onLocked }: { onLocked?: () => void }) {
  const [list, setList] = useState<List>({ phase: 'loading' });
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [codes, setCodes] = useState<{ batches: TransferBatch<StoredAccount>[]; shown: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem>('');
  const showButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const shows = useRef(0);
  // The page passes a fresh function on every render; the list must not reload for that.
  const locked = useRef(onLocked);
  locked.current = onLocked;
  // The page then shows its unlock form in place of the sections that need the accounts.
  const lockedOut = useCallback(() => {
    setCodes(undefined);
    setList({ phase: 'locked' });
    locked.current?.();
  }, []);

  const load = useCallback(async () => {
    const result = await send('vault.list', {});
    if (!result.ok) {
      if (result.error.code === 'locked') lockedOut();
      else setList({ phase: 'failed', error: result.error });
      return;
    }
    const sorted = [...result.value.accounts].sort(byChosenOrder);
    // Names and kinds only: this list outlives the codes, and the secrets have no business in it.
    setList({
      phase: 'ready',
      transferable: sorted.filter(canTransfer).map(({ id, issuer, label }) => ({ id, issuer, label })),
      byHand: sorted
        .filter((account) => !canTransfer(account))
        .map(({ id, issuer, label, type, digits, period }) => ({ id, issuer, label, type, digits, period })),
    });
  }, [lockedOut]);

  useEffect(() => {
    void load();
    // Accounts may be added, or the vault unlocked, in another window meanwhile.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  usePageHidden(() => setCodes(undefined));

  useEffect(() => {
    if (codes || !refocus.current) return;
    refocus.current = false;
    showButton.current?.focus();
  }, [codes]);

  const show = async () => {
    if (list.phase !== 'ready') return;
    const ids = list.transferable.map((account) => account.id).filter((id) => !unchecked.has(id));
    if (ids.length === 0) return setError(t('transfer_none_selected'));
    setError('');
    setBusy(true);
    const result = await send('backup.export', { ids });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'locked') lockedOut();
      else setError(result.error);
      return;
    }
    // An account edited meanwhile may no longer fit; the next list load moves it to "by hand".
    const { batches, byHand } = transferBatches(result.value.accounts);
    if (byHand.length > 0) void load();
    if (batches.length === 0) return setError(t('transfer_none_selected'));
    setCodes({ batches, shown: ++shows.current });
  };

  const close = () => {
    refocus.current = true;
    setCodes(undefined);
  };

  return (
    <section class="card transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transfer_title')}</h2>
      <p class="muted">{t('transfer_intro')}</p>
      <ol class="transfer-steps">
        <li>{t('transfer_step_open')}</li>
        <li>{t('transfer_step_scan')}</li>
        <li>{t('transfer_step_each')}</li>
        <li>{t('transfer_step_done')}</li>
      </ol>
      {list.phase === 'locked' && <p class="note is-strong">{t('transfer_locked')}</p>}
      {list.phase === 'failed' && (
        <p class="error" role="alert">
          <ProblemText problem={list.error} />
        </p>
      )}
      {list.phase === 'ready' && list.transferable.length === 0 && list.byHand.length === 0 && (
        <p class="note">{t('transfer_empty')}</p>
      )}
      {list.phase === 'ready' &&
        list.transferable.length > 0 &&
        (codes ? (
          <TransferCodes key={codes.shown} batches={codes.batches} onClose={close} />
        ) : (
          <>
            <AccountPicker accounts={list.transferable} unchecked={unchecked} onChange={setUnchecked} />
            <p class="field-hint">{t('transfer_secret_note')}</p>
            <p class="error" role="alert">
              <ProblemText problem={error} />
            </p>
            <button
              ref={showButton}
              type="button"
              class="btn btn-primary"
              disabled={busy}
              onClick={() => void show()}
            >
              {t('transfer_show')}
            </button>
          </>
        ))}
      {list.phase === 'ready' && <ByHand accounts={list.byHand} onLocked={lockedOut} />}
    </section>
  );
}
