import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { passwordStrength } from '../strength';
import { WarningIcon } from './icons';

/** One password box that is not a new password: the current one, or a passphrase chosen elsewhere. */
export function PasswordBox(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  autocomplete?: 'current-password' | 'off';
}) {
  const id = useId();
  return (
    <label class="field" for={id}>
      <span class="field-label">{props.label}</span>
      <input
        id={id}
        type="password"
        autocomplete={props.autocomplete ?? 'current-password'}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </label>
  );
}

interface Props {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** The two boxes' names: the vault's password, or a backup's. */
  labels: { password: string; confirm: string };
  /** Said before the boxes, and read with the first one (the vault's "nobody can recover it"). */
  warning?: string;
  /** More to read with the first box: the organisation's rules for it, say. */
  describedBy?: string;
  autoFocus?: boolean;
  /** The form was submitted: a mismatch is said now, whether or not the user has left Confirm. */
  submitted?: boolean;
}

const LEVEL = { weak: 1, fair: 2, strong: 3 } as const;

/** A new password, its confirmation and a strength meter: for the vault and for a backup file. */
export function PasswordFields(props: Props) {
  const newId = useId();
  const confirmId = useId();
  const strengthId = useId();
  const warningId = useId();
  const mismatchId = useId();
  const first = useRef<HTMLInputElement>(null);
  const strength = passwordStrength(props.password);

  // Opened from "Lock" without a password: the field to fill is the point of being here.
  useEffect(() => {
    if (props.autoFocus) first.current?.focus();
  }, []);
  const [leftConfirm, setLeftConfirm] = useState(false);
  // Said once, here, when the user leaves Confirm or submits: not at the first keystroke in it.
  const mismatch =
    props.confirm !== props.password && (props.submitted || (leftConfirm && props.confirm !== ''));

  return (
    <>
      {props.warning && (
        <p id={warningId} class="warning">
          <WarningIcon />
          <span>{props.warning}</span>
        </p>
      )}
      <label class="field" for={newId}>
        <span class="field-label">{props.labels.password}</span>
        <input
          id={newId}
          type="password"
          autocomplete="new-password"
          value={props.password}
          ref={first}
          aria-describedby={[strengthId, props.warning && warningId, props.describedBy]
            .filter(Boolean)
            .join(' ')}
          onInput={(event) => props.onPassword(event.currentTarget.value)}
        />
      </label>
      <div class="strength" data-level={props.password ? strength : 'none'}>
        <div class="strength-bar" aria-hidden="true">
          <span style={{ width: `${props.password ? (LEVEL[strength] / 3) * 100 : 0}%` }} />
        </div>
        <span id={strengthId} class="strength-text" aria-live="polite">
          {props.password ? t(`strength_${strength}`) : t('strength_hint')}
        </span>
      </div>
      <label class="field" for={confirmId}>
        <span class="field-label">{props.labels.confirm}</span>
        <input
          id={confirmId}
          type="password"
          autocomplete="new-password"
          value={props.confirm}
          aria-invalid={mismatch ? true : undefined}
          aria-describedby={mismatch ? mismatchId : undefined}
          onInput={(event) => props.onConfirm(event.currentTarget.value)}
          onFocus={() => setLeftConfirm(false)}
          onBlur={() => setLeftConfirm(true)}
        />
      </label>
      {mismatch && (
        <p id={mismatchId} class="error" role="alert">
          {t('password_mismatch')}
        </p>
      )}
    </>
  );
}
