import { t } from '../../../i18n';
import { transferName } from './names';

export interface PickableAccount {
  id: string;
  issuer: string;
  label: string;
}

interface Props {
  accounts: PickableAccount[];
  /** Kept as the unchecked ones, so an account added meanwhile starts checked like the rest. */
  unchecked: ReadonlySet<string>;
  onChange: (unchecked: Set<string>) => void;
}

/** Which accounts go to the phone: all of them unless the user says otherwise. */
export function AccountPicker({ accounts, unchecked, onChange }: Props) {
  const selected = accounts.filter((account) => !unchecked.has(account.id)).length;
  const toggle = (id: string, checked: boolean) => {
    const next = new Set(unchecked);
    if (checked) next.delete(id);
    else next.add(id);
    onChange(next);
  };
  return (
    <fieldset class="transfer-pick">
      <legend class="field-label">{t('transfer_choose')}</legend>
      <div class="transfer-pick-tools">
        <button type="button" class="btn btn-small" onClick={() => onChange(new Set())}>
          {t('transfer_select_all')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          onClick={() => onChange(new Set(accounts.map((account) => account.id)))}
        >
          {t('transfer_select_none')}
        </button>
        <span class="field-hint" aria-live="polite">
          {t('transfer_selected', [String(selected), String(accounts.length)])}
        </span>
      </div>
      <ul class="transfer-pick-list">
        {accounts.map((account) => (
          <li key={account.id}>
            <label class="check">
              <input
                type="checkbox"
                checked={!unchecked.has(account.id)}
                onChange={(event) => toggle(account.id, event.currentTarget.checked)}
              />
              <span>{transferName(account)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
