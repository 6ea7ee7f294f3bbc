import { useEffect, useRef } from 'preact/hooks';
import type { TransferProgress } from '../../../../core/formats/apps/google-transfer';
import { t } from '../../../i18n';
import { type Problem, ProblemText } from '../../policy-notes';

interface Props {
  /** Only the exports that still miss codes. */
  progress: TransferProgress[];
  busy: boolean;
  error: Problem;
  onImage: (image: File) => void;
  onContinue: () => void;
  onBack: () => void;
}

export function progressText({ read, total, missing }: TransferProgress): string {
  const numbers = [String(read), String(total), String(missing.length)];
  return missing.length === 1
    ? t('import_transfer_progress_one', numbers)
    : t('import_transfer_progress', numbers);
}

/**
 * A transfer from Google Authenticator in several QR codes, added one image at a time: how many are
 * read and which are still to come. What is read so far can be imported without the rest.
 */
export function TransferStep({ progress, busy, error, onImage, onContinue, onBack }: Props) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  return (
    <div class="form">
      <h3 ref={title} tabIndex={-1}>
        {t('import_transfer_title')}
      </h3>
      <p class="muted">{t('import_transfer_hint')}</p>
      <ul class="import-transfer" aria-live="polite">
        {progress.map((found) => (
          <li key={found.batchId}>
            <strong>{progressText(found)}</strong>
            <span class="field-hint">{t('import_transfer_missing', found.missing.join(', '))}</span>
          </li>
        ))}
      </ul>
      <label class="btn btn-primary file-button import-transfer-add">
        <input
          type="file"
          class="sr-only"
          accept="image/*"
          disabled={busy}
          onChange={(event) => {
            const image = event.currentTarget.files?.[0];
            // Choosing the same file again must count again.
            event.currentTarget.value = '';
            if (image) onImage(image);
          }}
        />
        {t('import_transfer_add')}
      </label>
      <p class="error" role="alert">
        <ProblemText problem={error} />
      </p>
      <p class="notice" role="status">
        {busy ? t('restore_reading') : ''}
      </p>
      <div class="form-buttons">
        <button type="button" class="btn" onClick={onBack} disabled={busy}>
          {t('restore_other_file')}
        </button>
        <button type="button" class="btn" onClick={onContinue} disabled={busy}>
          {t('import_transfer_partial')}
        </button>
      </div>
    </div>
  );
}
