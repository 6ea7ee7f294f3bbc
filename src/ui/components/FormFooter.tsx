import { t } from '../i18n';

interface Props {
  error: string;
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
  cancelLabel?: string;
}

/** The end of every form: what is wrong (announced), then Cancel and the form's own action. */
export function FormFooter({ error, submitLabel, busy, onCancel, cancelLabel = t('cancel') }: Props) {
  return (
    <>
      <p class="error" role="alert">
        {error}
      </p>
      <div class="form-buttons">
        <button type="button" class="btn" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
