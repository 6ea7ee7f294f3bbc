import { browser } from 'wxt/browser';
import type { ErrorCode, ProtocolError } from '../core/errors';

/** Type-only: the English file is the source of truth for which keys exist; nothing is bundled. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;
type ErrorKey = `error_${Underscored<ErrorCode>}`;

// Fails to compile when an error code has no English message, long before anyone sees a raw key.
const everyErrorHasAMessage: ErrorKey extends MessageKey ? true : never = true;
void everyErrorHasAMessage;

/** Every visible string goes through here, so a missing key shows as the key, not as nothing. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  // WXT types getMessage from its last generated key list; ours is checked against the file itself.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string | string[]) => string;
  return getMessage(key, substitutions) || key;
}

export function errorKey(code: ErrorCode): MessageKey {
  return `error_${code.replaceAll('-', '_')}` as ErrorKey;
}

/** Whole seconds to wait, rounded up, never 0: "try again in 0 seconds" helps nobody. */
export const waitSeconds = (ms: number | undefined): number => Math.max(1, Math.ceil((ms ?? 1000) / 1000));

export function errorText(error: Pick<ProtocolError, 'code' | 'retryAfterMs'>): string {
  if (error.code === 'throttled') {
    const seconds = waitSeconds(error.retryAfterMs);
    return seconds === 1 ? t('throttled_one') : t('error_throttled', String(seconds));
  }
  return t(errorKey(error.code));
}

/** Screen readers pick their voice from `lang`; the page is in whatever language the browser UI is. */
export function setDocumentLanguage(): void {
  document.documentElement.lang = browser.i18n.getUILanguage() || 'en';
}
