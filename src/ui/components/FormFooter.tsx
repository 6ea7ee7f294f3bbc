import { t } from '../i18n';

interface Props {
  error: string;
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
}

/** The end of every form: what is wrong (announced), then Cancel and the form's own action. */
export function FormFooter({ error, submitLabel, busy, onCancel }: Props) {
  return (
    <>
      <p class="error" role="alert">
        {error}
      </p>
      <div class="form-buttons">
        <button type="button" class="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
