import { useId, useState } from 'preact/hooks';
import type { StoredAccount } from '../../../../core/account';
import { FormFooter } from '../../../components/FormFooter';
import { t } from '../../../i18n';
import { parseSites } from '../../../sites-input';
import { showToast } from '../../../toast';
import { updateAccount } from '../../account-actions';
import type { Shell } from '../../shell';

interface Props {
  shell: Shell;
  account: StoredAccount;
  /** The tab's site, offered as the answer: the user checks it rather than types it. */
  site: string;
  onAnswered: () => void;
}

/**
 * Asked when a scan could not link the account (its QR was not the page's own): Fill then works only
 * on the site the user names, so a look-alike site showing someone else's QR gets no codes.
 */
export function SiteQuestion({ shell, account, site, onAnswered }: Props) {
  const [text, setText] = useState(site);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  const link = async (event: Event) => {
    event.preventDefault();
    const { sites, invalid } = parseSites(text);
    const [bad] = invalid;
    if (bad !== undefined) return setError(t('sites_invalid', bad));
    if (sites.length === 0) return setError(t('site_question_empty'));
    setBusy(true);
    const saved = await updateAccount(shell, account, { sites });
    setBusy(false);
    if (!saved) return;
    // After the view moves on: a message said before it would be cleared with the old view.
    onAnswered();
    showToast(t('site_linked', sites.join(', ')));
  };

  return (
    <form class="card" aria-labelledby={`${id}-title`} onSubmit={link}>
      <h2 id={`${id}-title`}>{t('site_question')}</h2>
      <p class="note" id={`${id}-why`}>
        {t('site_question_why')}
      </p>
      <label class="field" for={`${id}-site`}>
        <span class="field-label">{t('site_question_field')}</span>
        <input
          id={`${id}-site`}
          type="text"
          inputMode="url"
          autocomplete="off"
          spellcheck={false}
          aria-describedby={`${id}-why`}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </label>
      <FormFooter
        error={error}
        submitLabel={t('site_question_link')}
        busy={busy}
        onCancel={onAnswered}
        cancelLabel={t('site_question_skip')}
      />
    </form>
  );
}
