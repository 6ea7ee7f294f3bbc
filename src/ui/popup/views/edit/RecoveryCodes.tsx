import { useId, useState } from 'preact/hooks';
import type { RecoveryCode, StoredAccount } from '../../../../core/account';
import { t } from '../../../i18n';
import { parseRecoveryCodes } from '../../../recovery';

interface Props {
  account: StoredAccount;
  /** Saves at once; resolves false when the save did not happen. */
  onChange: (codes: RecoveryCode[]) => Promise<boolean>;
}

/** Hidden until asked for: they are as good as a password and people show screens to others. */
export function RecoveryCodes({ account, onChange }: Props) {
  const [shown, setShown] = useState(false);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState('');
  const titleId = useId();
  const panelId = useId();
  const draftId = useId();
  const codes = account.recoveryCodes;
  const unused = codes.filter((entry) => !entry.used).length;

  const toggle = (index: number) =>
    onChange(codes.map((entry, at) => (at === index ? { ...entry, used: !entry.used } : entry)));

  const add = async (event: Event) => {
    event.preventDefault();
    const added = parseRecoveryCodes(draft, codes);
    if (added.length === 0) return setMessage(t('recovery_none_added'));
    if (await onChange([...codes, ...added])) {
      setDraft('');
      setMessage(t('recovery_added', String(added.length)));
    }
  };

  return (
    <section class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('recovery_title')}</h2>
      <p class="note">
        {codes.length ? t('recovery_count', [String(unused), String(codes.length)]) : t('recovery_explain')}
      </p>
      <button
        type="button"
        class="btn"
        aria-expanded={shown}
        aria-controls={panelId}
        onClick={() => setShown(!shown)}
      >
        {shown ? t('recovery_hide') : t('recovery_show')}
      </button>
      <div id={panelId} hidden={!shown}>
        {shown && (
          <>
            {codes.length > 0 && (
              <>
                <p class="field-hint">{t('recovery_tick')}</p>
                <ul class="recovery-list">
                  {codes.map((entry, index) => (
                    <li key={entry.code}>
                      <label class="check">
                        <input type="checkbox" checked={entry.used} onChange={() => toggle(index)} />
                        <span class={entry.used ? 'mono is-used' : 'mono'}>{entry.code}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <form class="form" onSubmit={add}>
              <label class="field" for={draftId}>
                <span class="field-label">{t('recovery_add_label')}</span>
                <textarea
                  id={draftId}
                  class="mono"
                  rows={3}
                  spellcheck={false}
                  aria-describedby={`${draftId}-hint`}
                  value={draft}
                  onInput={(event) => {
                    setDraft(event.currentTarget.value);
                    setMessage('');
                  }}
                />
              </label>
              <p id={`${draftId}-hint`} class="field-hint">
                {t('recovery_add_hint')}
              </p>
              <p class="notice" aria-live="polite">
                {message}
              </p>
              <button type="submit" class="btn">
                {t('recovery_add')}
              </button>
            </form>
          </>
        )}
      </div>
    </section>
  );
}
