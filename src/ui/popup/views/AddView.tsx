import { useId, useRef, useState } from 'preact/hooks';
import type { OtpAccount, OtpAlgorithm, OtpType } from '../../../core/account';
import {
  isOtpUriError,
  normalizeBase32Secret,
  OTP_ALGORITHMS,
  parseOtpauthUri,
  STEAM_PARAMS,
  validateAccount,
} from '../../../core/otp';
import { send } from '../../../messaging/client';
import { accountName } from '../../account-name';
import { activeTab } from '../../actions';
import { AccountWarnings } from '../../components/AccountWarnings';
import { FormFooter } from '../../components/FormFooter';
import { OrgHelp } from '../../components/OrgHelp';
import { SubHeader } from '../../components/SubHeader';
import { errorKey, errorText, t } from '../../i18n';
import { describeKeyError, keyProblem } from '../../keyProblem';
import { showToast } from '../../toast';
import { upsert } from '../account-actions';
import type { Shell } from '../shell';
import { scan } from './scan/start-scan';

interface Form {
  issuer: string;
  label: string;
  secret: string;
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: string;
  period: string;
  counter: string;
}

const EMPTY: Form = {
  issuer: '',
  label: '',
  secret: '',
  type: 'totp',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '0',
};

const TYPES: OtpType[] = ['totp', 'hotp', 'steam'];

const isDefault = (form: Form) =>
  form.type === 'totp' && form.algorithm === 'SHA1' && form.digits === '6' && form.period === '30';

/** The form as far as warnings go; nothing to warn about while the key itself is wrong. */
function warnable(form: Form): Pick<OtpAccount, 'type' | 'secret' | 'period'> | undefined {
  try {
    const period = form.type === 'steam' ? STEAM_PARAMS.period : Number(form.period);
    return { type: form.type, secret: normalizeBase32Secret(form.secret), period };
  } catch {
    return undefined;
  }
}

/** A link from a QR reader or a "can't scan?" page, pasted into any box, fills in every box. */
const looksLikeLink = (text: string) => /^\s*(otpauth|otpauth-migration|steam):/i.test(text);

/** Adding an account by typing its setup key, or by pasting an otpauth: link into any box. */
export function AddView({ shell }: { shell: Shell }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [advanced, setAdvanced] = useState(false);
  const [nameError, setNameError] = useState('');
  const [keyError, setKeyError] = useState('');
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState(false);
  const { policy } = shell.policy;
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const onBack = () => shell.back();

  const set = (patch: Partial<Form>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setFormError('');
  };

  const onPaste = (event: ClipboardEvent) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!looksLikeLink(text)) return;
    event.preventDefault();
    setNotice('');
    try {
      const account = parseOtpauthUri(text);
      const next: Form = {
        issuer: account.issuer,
        label: account.label,
        secret: account.secret,
        type: account.type,
        algorithm: account.algorithm,
        digits: String(account.digits),
        period: String(account.period),
        counter: String(account.counter),
      };
      setForm(next);
      setKeyError('');
      setNameError('');
      setFormError('');
      if (!isDefault(next)) setAdvanced(true);
      setNotice(t('link_filled'));
    } catch (error) {
      const migration = /^\s*otpauth-migration:/i.test(text);
      setFormError(
        migration ? t('link_is_export') : isOtpUriError(error) ? t(errorKey(error.code)) : t('error_bad_uri'),
      );
    }
  };

  const focusField = (name: string) =>
    formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFormError('');
    setNotice('');
    setRefused(false);
    let secret: string;
    try {
      secret = normalizeBase32Secret(form.secret);
    } catch (error) {
      setKeyError(describeKeyError(error, form.secret));
      return focusField('secret');
    }
    const issuer = form.issuer.trim();
    const label = form.label.trim();
    if (!issuer && !label) {
      setNameError(t('add_need_name'));
      return focusField('issuer');
    }
    const steam = form.type === 'steam';
    const account: OtpAccount = {
      type: form.type,
      issuer,
      label,
      secret,
      algorithm: steam ? STEAM_PARAMS.algorithm : form.algorithm,
      digits: steam ? STEAM_PARAMS.digits : Number(form.digits),
      period: steam ? STEAM_PARAMS.period : Number(form.period),
      counter: Number(form.counter || '0'),
    };
    try {
      validateAccount(account);
    } catch (error) {
      setAdvanced(true);
      return setFormError(isOtpUriError(error) ? t(errorKey(error.code)) : t('error_bad_request'));
    }
    setBusy(true);
    const result = await send('vault.add', { account });
    setBusy(false);
    if (result.ok) {
      upsert(shell, result.value);
      shell.back(result.value.id, true);
      return showToast(t('added', accountName(result.value)));
    }
    if (result.error.code === 'locked') return shell.showLocked();
    setRefused(result.error.code === 'policy-forbidden');
    setFormError(errorText(result.error));
  };

  const field = (
    name: 'issuer' | 'label',
    labelKey: 'issuer' | 'account_name',
    placeholderKey: 'issuer_placeholder' | 'account_name_placeholder',
  ) => (
    <label class="field" for={`${id}-${name}`}>
      <span class="field-label">{t(labelKey)}</span>
      <input
        id={`${id}-${name}`}
        name={name}
        type="text"
        autocomplete="off"
        placeholder={t(placeholderKey)}
        value={form[name]}
        aria-invalid={name === 'issuer' && nameError ? true : undefined}
        aria-describedby={name === 'issuer' && nameError ? `${id}-name-error` : undefined}
        onInput={(event) => {
          set({ [name]: event.currentTarget.value });
          setNameError('');
        }}
      />
    </label>
  );

  const steam = form.type === 'steam';
  const checked = warnable(form);

  // The organisation allows only scanned accounts: no box to type or paste a key into.
  if (policy.disableManualEntry)
    return (
      <>
        <SubHeader title={t('add_title')} onBack={onBack} />
        <main class="view">
          <section class="card" aria-labelledby={`${id}-scan-only`}>
            <p id={`${id}-scan-only`}>{t('org_manual_forbidden')}</p>
            <div class="form-buttons">
              <button
                type="button"
                class="btn btn-primary"
                onClick={() => void activeTab().then((tab) => scan(shell, tab))}
              >
                {t('scan_qr')}
              </button>
            </div>
            <OrgHelp policy={policy} />
          </section>
        </main>
      </>
    );

  return (
    <>
      <SubHeader title={t('add_title')} onBack={onBack} />
      <main class="view">
        <form ref={formRef} class="form card" onSubmit={submit} onPaste={onPaste} noValidate>
          <p class="note">{t('add_intro')}</p>
          {field('issuer', 'issuer', 'issuer_placeholder')}
          {nameError && (
            <p id={`${id}-name-error`} class="error">
              {nameError}
            </p>
          )}
          {field('label', 'account_name', 'account_name_placeholder')}
          <label class="field" for={`${id}-secret`}>
            <span class="field-label">{t('setup_key')}</span>
            <input
              id={`${id}-secret`}
              name="secret"
              type="text"
              class="mono"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              placeholder={t('setup_key_placeholder')}
              value={form.secret}
              aria-invalid={keyError ? true : undefined}
              aria-describedby={`${id}-key-help`}
              onInput={(event) => {
                const value = event.currentTarget.value;
                set({ secret: value });
                setKeyError(keyProblem(value) ?? '');
              }}
            />
          </label>
          <p id={`${id}-key-help`} class={keyError ? 'error' : 'field-hint'} aria-live="polite">
            {keyError || t('setup_key_hint')}
          </p>
          <details
            class="disclosure"
            open={advanced}
            onToggle={(event) => setAdvanced(event.currentTarget.open)}
          >
            <summary>{t('advanced')}</summary>
            <div class="grid">
              <label class="field" for={`${id}-type`}>
                <span class="field-label">{t('type')}</span>
                <select
                  id={`${id}-type`}
                  value={form.type}
                  onChange={(event) => set({ type: event.currentTarget.value as OtpType })}
                >
                  {TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`type_${type}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label class="field" for={`${id}-algorithm`}>
                <span class="field-label">{t('algorithm')}</span>
                <select
                  id={`${id}-algorithm`}
                  value={steam ? STEAM_PARAMS.algorithm : form.algorithm}
                  disabled={steam}
                  onChange={(event) => set({ algorithm: event.currentTarget.value as OtpAlgorithm })}
                >
                  {OTP_ALGORITHMS.map((algorithm) => (
                    <option key={algorithm} value={algorithm}>
                      {algorithm}
                    </option>
                  ))}
                </select>
              </label>
              <label class="field" for={`${id}-digits`}>
                <span class="field-label">{t('digits')}</span>
                <select
                  id={`${id}-digits`}
                  value={steam ? String(STEAM_PARAMS.digits) : form.digits}
                  disabled={steam}
                  onChange={(event) => set({ digits: event.currentTarget.value })}
                >
                  {(steam ? [STEAM_PARAMS.digits] : [6, 7, 8]).map((digits) => (
                    <option key={digits} value={String(digits)}>
                      {digits}
                    </option>
                  ))}
                </select>
              </label>
              {form.type === 'hotp' ? (
                <label class="field" for={`${id}-counter`}>
                  <span class="field-label">{t('counter')}</span>
                  <input
                    id={`${id}-counter`}
                    name="counter"
                    type="number"
                    min="0"
                    step="1"
                    inputMode="numeric"
                    value={form.counter}
                    onInput={(event) => set({ counter: event.currentTarget.value })}
                  />
                </label>
              ) : (
                <label class="field" for={`${id}-period`}>
                  <span class="field-label">{t('period')}</span>
                  <input
                    id={`${id}-period`}
                    name="period"
                    type="number"
                    min="1"
                    step="1"
                    inputMode="numeric"
                    disabled={steam}
                    value={steam ? String(STEAM_PARAMS.period) : form.period}
                    onInput={(event) => set({ period: event.currentTarget.value })}
                  />
                </label>
              )}
            </div>
          </details>
          {/* Warned, never refused: the site chose these values and its server expects them. */}
          {checked && <AccountWarnings account={checked} />}
          <p class="notice" aria-live="polite">
            {notice}
          </p>
          <FormFooter error={formError} submitLabel={t('add_account')} busy={busy} onCancel={onBack} />
          {refused && <OrgHelp policy={policy} />}
        </form>
      </main>
    </>
  );
}
