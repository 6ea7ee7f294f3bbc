import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../core/account';
import type { TransferBatch } from '../../../../core/formats/google-migration';
import { qrMatrix } from '../../../../core/qr/encode';
import { QrCode } from '../../../components/QrCode';
import { t } from '../../../i18n';
import { transferName } from './names';
import { crispQrSize } from './qr-size';

interface Props<T extends OtpAccount> {
  batches: TransferBatch<T>[];
  /** Done or Hide codes: the caller forgets the codes and takes the focus back. */
  onClose: () => void;
}

/** One transfer code at a time, since Google Authenticator scans one and then asks for the next. */
export function TransferCodes<T extends OtpAccount>({ batches, onClose }: Props<T>) {
  const [index, setIndex] = useState(0);
  const forward = useRef<HTMLButtonElement>(null);
  // The button that showed the codes is gone; Next is where a keyboard user goes on from.
  useEffect(() => forward.current?.focus(), []);
  const batch = batches[Math.min(index, batches.length - 1)];
  const uri = batch?.uri ?? '';
  const size = useMemo(() => crispQrSize(qrMatrix(uri).size, window.devicePixelRatio), [uri]);
  if (!batch) return null;
  const page = [String(index + 1), String(batches.length)];
  const last = index >= batches.length - 1;
  return (
    <div class="transfer-codes">
      <p class="transfer-page" aria-live="polite">
        {t('transfer_page', page)}
      </p>
      <div class="transfer-qr">
        <QrCode text={batch.uri} label={t('transfer_qr_label', page)} size={size} />
      </div>
      <p class="field-label">{t('transfer_in_code')}</p>
      <ul class="transfer-names">
        {batch.accounts.map((account, i) => (
          // Two accounts may carry the same names; their place tells them apart, and a batch never reorders.
          <li key={i}>{transferName(account)}</li>
        ))}
      </ul>
      <div class="transfer-nav">
        <button
          type="button"
          class="btn"
          disabled={index === 0}
          onClick={() => {
            setIndex(index - 1);
            // The disabled Back button would drop the focus to the page's start.
            if (index === 1) forward.current?.focus();
          }}
        >
          {t('transfer_back')}
        </button>
        {/* One element for Next and Done, so the focus stays put on the last page. */}
        <button
          ref={forward}
          type="button"
          class="btn btn-primary"
          onClick={() => (last ? onClose() : setIndex(index + 1))}
        >
          {last ? t('transfer_done') : t('transfer_next')}
        </button>
        {!last && (
          <button type="button" class="btn transfer-hide" onClick={onClose}>
            {t('transfer_hide')}
          </button>
        )}
      </div>
    </div>
  );
}
