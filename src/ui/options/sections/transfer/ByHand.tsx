import { useId, useState } from 'preact/hooks';
import type { OtpAccount, StoredAccount } from '../../../../core/account';
import { formatOtpauthUri } from '../../../../core/otp/uri';
import { qrMatrix } from '../../../../core/qr/encode';
import { send } from '../../../../messaging/client';
import { QrCode } from '../../../components/QrCode';
import { t } from '../../../i18n';
import { type Problem, ProblemText } from '../../policy-notes';
import { byHandReason, groupKey, transferName } from './names';
import { crispQrSize } from './qr-size';
import { usePageHidden } from './use-page-hidden';

export type ByHandAccount = Pick<StoredAccount, 'id' | 'issuer' | 'label' | 'type' | 'digits' | 'period'>;

/** One account's link is version 5–9: 280–320 px give it 5 or more pixels a module. */
const SETUP_QR = { min: 280, max: 320 };

/** Accounts a transfer code cannot carry: each one gets its own setup code, on request. */
export function ByHand({ accounts, onLocked }: { accounts: ByHandAccount[]; onLocked: () => void }) {
  if (accounts.length === 0) return null;
  return (
    <div class="transfer-by-hand">
      <h3>{t('transfer_by_hand_title')}</h3>
      <p class="field-hint">{t('transfer_by_hand_why')}</p>
      <ul class="transfer-by-hand-list">
        {accounts.map((account) => (
          <ByHandItem key={account.id} account={account} onLocked={onLocked} />
        ))}
      </ul>
    </div>
  );
}

type Setup = { phase: 'hidden' } | { phase: 'busy' } | { phase: 'shown'; account: OtpAccount };

function ByHandItem({ account, onLocked }: { account: ByHandAccount; onLocked: () => void }) {
  const [setup, setSetup] = useState<Setup>({ phase: 'hidden' });
  const [error, setError] = useState<Problem>('');
  const nameId = useId();
  const panelId = useId();
  const hide = () => setSetup({ phase: 'hidden' });
  usePageHidden(hide);

  const show = async () => {
    setError('');
    setSetup({ phase: 'busy' });
    // Read only now, on the user's click: the setup code is the account's secret.
    const result = await send('backup.export', { ids: [account.id] });
    const [found] = result.ok ? result.value.accounts : [];
    if (!found) {
      setSetup({ phase: 'hidden' });
      if (!result.ok && result.error.code === 'locked') return onLocked();
      setError(result.ok ? { code: 'not-found' } : result.error);
      return;
    }
    setSetup({ phase: 'shown', account: found });
  };

  const shown = setup.phase === 'shown';
  const [reason, value] = byHandReason(account);
  return (
    <li class="transfer-by-hand-item">
      <div class="transfer-by-hand-row">
        <span class="who">
          <span id={nameId} class="transfer-by-hand-name">
            {transferName(account)}
          </span>{' '}
          <span class="field-hint">{t(reason, value)}</span>
        </span>
        <button
          type="button"
          class="btn btn-small"
          aria-expanded={shown}
          aria-controls={panelId}
          aria-describedby={nameId}
          disabled={setup.phase === 'busy'}
          onClick={() => (shown ? hide() : void show())}
        >
          {shown ? t('transfer_setup_hide') : t('transfer_setup_show')}
        </button>
      </div>
      <p class="error" role="alert">
        <ProblemText problem={error} />
      </p>
      <div id={panelId} class="transfer-setup" hidden={!shown}>
        {shown && (
          <>
            <SetupQr account={setup.account} />
            <div class="field">
              <span class="field-label">{t('setup_key')}</span>
              <span class="mono transfer-key">{groupKey(setup.account.secret)}</span>
            </div>
          </>
        )}
      </div>
    </li>
  );
}

function SetupQr({ account }: { account: OtpAccount }) {
  const uri = formatOtpauthUri(account);
  const size = crispQrSize(qrMatrix(uri).size, window.devicePixelRatio, SETUP_QR);
  return (
    <div class="transfer-qr">
      <QrCode text={uri} label={t('transfer_setup_qr_label', transferName(account))} size={size} />
    </div>
  );
}
