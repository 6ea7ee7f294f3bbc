import { browser } from 'wxt/browser';
import type { ErrorCode, ProtocolError } from '../core/errors';
import { countKey } from '../core/plural';
import type { PolicyKey } from '../core/policy/keys';

/** Type-only: the English file is the source of truth for which keys exist; nothing is bundled. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;
type ErrorKey = `error_${Underscored<ErrorCode>}`;

// Fails to compile when an error code has no English message, long before anyone sees a raw key.
const everyErrorHasAMessage: ErrorKey extends MessageKey ? true : never = true;
void everyErrorHasAMessage;

/** Every visible string goes through here, so a missing key shows as the key, not as nothing. */
// WXT types getMessage from its last generated key list; ours is checked against the file itself.
const getMessage = (name: string, substitutions?: string | string[]): string =>
  (browser.i18n.getMessage as (name: string, substitutions?: string | string[]) => string)(
    name,
    substitutions,
  );

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return getMessage(key, substitutions) || key;
}

/** Keys that have a singular form `<key>_one` beside them (the plural pattern, `core/plural.ts`). */
type CountedKey = {
  [K in MessageKey]: K extends `${infer Base}_one` ? (Base extends MessageKey ? Base : never) : never;
}[MessageKey];

/** `key` with the count as $1 (and `more` after it), in the form the count takes in this language. */
export function tCount(key: CountedKey, count: number, more: string[] = []): string {
  const locale = browser.i18n.getUILanguage();
  const chosen = countKey(key, count, locale, (name) => getMessage(name) !== '');
  return t(chosen as MessageKey, [String(count), ...more]);
}

export function errorKey(code: ErrorCode): MessageKey {
  return `error_${code.replaceAll('-', '_')}` as ErrorKey;
}

/** Whole seconds to wait, rounded up, never 0: "try again in 0 seconds" helps nobody. */
export const waitSeconds = (ms: number | undefined): number => Math.max(1, Math.ceil((ms ?? 1000) / 1000));

/**
 * Why the organisation refused, by the policy key the worker names in `message`: what the user can
 * do instead, where there is something. Keys without an entry get the plain refusal.
 */
const POLICY_REASONS = new Map<string, MessageKey>(
  Object.entries({
    allowedSites: 'org_reason_allowed_sites',
    disableManualEntry: 'org_reason_manual_entry',
    disableExport: 'org_reason_export',
    disablePlainExport: 'org_reason_plain_export',
    disableImport: 'org_reason_import',
    disableSync: 'org_reason_sync',
    allowPasskeyUnlock: 'org_reason_authenticator',
    requirePassword: 'org_reason_require_password',
    passwordMinLength: 'org_reason_password_rules',
    passwordPattern: 'org_reason_password_rules',
    autoLockMinutes: 'org_reason_shorter',
    clipboardClearSeconds: 'org_reason_shorter',
    lockOnScreenLock: 'org_reason_fixed',
    autoSubmit: 'org_reason_fixed',
  } satisfies Partial<Record<PolicyKey, MessageKey>>),
);

export function errorText(error: Pick<ProtocolError, 'code' | 'retryAfterMs' | 'message'>): string {
  if (error.code === 'policy-forbidden') {
    const reason = POLICY_REASONS.get(error.message ?? '');
    return reason ? `${t('error_policy_forbidden')} ${t(reason)}` : t('error_policy_forbidden');
  }
  if (error.code === 'throttled') {
    const seconds = waitSeconds(error.retryAfterMs);
    return tCount('error_throttled', seconds);
  }
  return t(errorKey(error.code));
}

/**
 * The language of the messages this page shows ('en' or 'nl'). Not `getUILanguage()`: Chromium may
 * name another (started with --lang=nl it says en-US, yet serves the nl messages), and the text and
 * its `lang` must agree.
 */
export const pageLanguage = (): string => (t('ui_language') === 'nl' ? 'nl' : 'en');

/** Screen readers pick their voice from `lang`: the language the page's messages are in. */
export function setDocumentLanguage(): void {
  document.documentElement.lang = pageLanguage();
}
