import { useId, useState } from 'preact/hooks';
import type { RecoveryCode, StoredAccount } from '../../../core/account';
import { accountSitesAllowed } from '../../../core/policy/rules';
import { FormFooter } from '../../components/FormFooter';
import { SubHeader } from '../../components/SubHeader';
import { t } from '../../i18n';
import { parseSites } from '../../sites-input';
import { showToast } from '../../toast';
import { updateAccount } from '../account-actions';
import type { Shell } from '../shell';
import { RecoveryCodes } from './edit/RecoveryCodes';

interface Props {
  shell: Shell;
  account: StoredAccount;
}

export function EditView({ shell, account }: Props) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [label, setLabel] = useState(account.label);
  const [sites, setSites] = useState(account.sites.join('\n'));
  const [notes, setNotes] = useState(account.notes);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const onBack = () => shell.back(account.id);

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    const parsed = parseSites(sites);
    const [bad] = parsed.invalid;
    if (bad !== undefined) return setError(t('sites_invalid', bad));
    const { allowedSites } = shell.policy.policy;
    if (allowedSites && !accountSitesAllowed(parsed.sites, shell.policy.policy))
      return setError(t('org_sites_only', allowedSites.join(', ')));
    if (!issuer.trim() && !label.trim()) return setError(t('add_need_name'));
    setBusy(true);
    const saved = await updateAccount(shell, account, {
      issuer: issuer.trim(),
      label: label.trim(),
      sites: parsed.sites,
      notes,
    });
    setBusy(false);
    if (saved) {
      shell.back(saved.id);
      showToast(t('saved'));
    }
  };

  const saveCodes = async (recoveryCodes: RecoveryCode[]) =>
    (await updateAccount(shell, account, { recoveryCodes })) !== undefined;

  return (
    <>
      <SubHeader title={t('edit_title')} onBack={onBack} />
      <main class="view">
        <form class="form card" onSubmit={save}>
          <label class="field" for={`${id}-issuer`}>
            <span class="field-label">{t('issuer')}</span>
            <input
              id={`${id}-issuer`}
              type="text"
              autocomplete="off"
              value={issuer}
              onInput={(event) => setIssuer(event.currentTarget.value)}
            />
          </label>
          <label class="field" for={`${id}-label`}>
            <span class="field-label">{t('account_name')}</span>
            <input
              id={`${id}-label`}
              type="text"
              autocomplete="off"
              value={label}
              onInput={(event) => setLabel(event.currentTarget.value)}
            />
          </label>
          <label class="field" for={`${id}-sites`}>
            <span class="field-label">{t('sites')}</span>
            <textarea
              id={`${id}-sites`}
              rows={3}
              spellcheck={false}
              placeholder={t('sites_placeholder')}
              aria-describedby={`${id}-sites-hint`}
              value={sites}
              onInput={(event) => setSites(event.currentTarget.value)}
            />
          </label>
          <p id={`${id}-sites-hint`} class="field-hint">
            {t('sites_hint')}
          </p>
          <label class="field" for={`${id}-notes`}>
            <span class="field-label">{t('notes')}</span>
            <textarea
              id={`${id}-notes`}
              rows={3}
              value={notes}
              onInput={(event) => setNotes(event.currentTarget.value)}
            />
          </label>
          <FormFooter error={error} submitLabel={t('save')} busy={busy} onCancel={onBack} />
        </form>
        <RecoveryCodes account={account} onChange={saveCodes} />
      </main>
    </>
  );
}
