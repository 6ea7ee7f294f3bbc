import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { accountName } from '../../account-name';
import { ScanResults, type ScanState } from '../../components/ScanResults';
import { t } from '../../i18n';
import { dataUrlOf, pastedImage } from '../../images';
import { showToast } from '../../toast';
import { turnedOff, usePagePolicy } from '../page-policy';
import { PolicyReason } from '../policy-notes';
import { sendTransferImage } from './import/route';

/**
 * Accounts from a QR image: chosen, dropped anywhere on the page or pasted. Images are read by the
 * background, like a scan of a page; accounts from them are linked to no website yet. That is adding
 * an account, as a scan in the popup is, so `disableImport` leaves it on; only a transfer code, a
 * whole export, is import.
 */
export function ImageImport() {
  const importOff = turnedOff(usePagePolicy().policy).import;
  const [state, setState] = useState<ScanState>({ phase: 'idle' });
  const [over, setOver] = useState(false);
  const reads = useRef(0);

  const read = async (file: File | undefined) => {
    if (!file) return;
    const seq = ++reads.current;
    setState({ phase: 'busy' });
    const dataUrl = file.type.startsWith('image/') ? await dataUrlOf(file) : '';
    const result = dataUrl
      ? await send('scan.image', { dataUrl })
      : ({ ok: false, error: { code: 'image-unreadable' } } as const);
    // Only the latest image counts.
    if (seq !== reads.current) return;
    if (!result.ok) return setState({ phase: 'failed', error: result.error });
    // A transfer code is a whole export: the import section reads it (and any further codes of it).
    const transfer = result.value.codes.some((code) => code.kind === 'migration');
    if (transfer && sendTransferImage(file)) return setState({ phase: 'idle' });
    setState({ phase: 'done', response: result.value });
    // A lone new account is added at once; say so, as the Add button would have.
    const [only] = result.value.codes;
    if (only?.kind === 'account' && only.status === 'added') showToast(t('added', accountName(only.account)));
  };

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const image = pastedImage(event);
      if (!image) return;
      event.preventDefault();
      void read(image);
    };
    // A file dropped anywhere on the page is read, rather than opened by the browser instead of this page.
    const onDragOver = (event: DragEvent) => {
      event.preventDefault();
      setOver(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (!event.relatedTarget) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      setOver(false);
      void read(event.dataTransfer?.files[0]);
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('dragleave', onDragLeave);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <section class="card" aria-labelledby="qr-title" aria-busy={state.phase === 'busy'}>
      <h2 id="qr-title">{t('options_qr_title')}</h2>
      <p class="muted">{t('options_qr_intro')}</p>
      <label class={over ? 'drop is-over' : 'drop'}>
        <input
          type="file"
          accept="image/*"
          class="sr-only"
          onChange={(event) => {
            void read(event.currentTarget.files?.[0]);
            // Choosing the same file again must read it again.
            event.currentTarget.value = '';
          }}
        />
        <svg class="icon" width="36" height="36" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M4 8V6a2 2 0 0 1 2-2h2M16 4h2a2 2 0 0 1 2 2v2M20 16v2a2 2 0 0 1-2 2h-2M8 20H6a2 2 0 0 1-2-2v-2M7 12h10"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
          />
        </svg>
        <span class="drop-text">{t('options_drop')}</span>
        <span class="btn" aria-hidden="true">
          {t('options_choose_image')}
        </span>
      </label>
      <p class="field-hint">{t('options_paste')}</p>
      <ScanResults key={reads.current} state={state} image onFailure={() => undefined} />
      {state.phase === 'done' && state.response.codes.some((code) => code.kind === 'account') && (
        <p class="field-hint">{t('scan_no_site')}</p>
      )}
      {state.phase === 'done' &&
        state.response.codes.some((code) => code.kind === 'migration') &&
        (importOff ? (
          <PolicyReason text={t('options_policy_image_transfer_off')} policyKey={importOff} />
        ) : (
          <p class="field-hint">{t('import_migration_locked')}</p>
        ))}
    </section>
  );
}
