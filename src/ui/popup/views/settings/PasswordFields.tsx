import { useEffect, useId, useRef } from 'preact/hooks';
import { WarningIcon } from '../../../components/icons';
import { t } from '../../../i18n';
import { passwordStrength } from '../../../strength';

interface Props {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  autoFocus?: boolean;
}

const LEVEL = { weak: 1, fair: 2, strong: 3 } as const;

/** New password, confirmation, a strength meter and the warning nobody may skip. */
export function PasswordFields(props: Props) {
  const newId = useId();
  const confirmId = useId();
  const strengthId = useId();
  const warningId = useId();
  const first = useRef<HTMLInputElement>(null);
  const strength = passwordStrength(props.password);

  // Opened from "Lock" without a password: the field to fill is the point of being here.
  useEffect(() => {
    if (props.autoFocus) first.current?.focus();
  }, []);
  const mismatch = props.confirm.length > 0 && props.confirm !== props.password;

  return (
    <>
      <p id={warningId} class="warning">
        <WarningIcon />
        <span>{t('password_warning')}</span>
      </p>
      <label class="field" for={newId}>
        <span class="field-label">{t('new_password')}</span>
        <input
          id={newId}
          type="password"
          autocomplete="new-password"
          value={props.password}
          ref={first}
          aria-describedby={`${strengthId} ${warningId}`}
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
        <span class="field-label">{t('confirm_password')}</span>
        <input
          id={confirmId}
          type="password"
          autocomplete="new-password"
          value={props.confirm}
          aria-invalid={mismatch ? true : undefined}
          onInput={(event) => props.onConfirm(event.currentTarget.value)}
        />
      </label>
      {mismatch && <p class="error">{t('password_mismatch')}</p>}
    </>
  );
}
