import type { OtpAccount } from './account';
import { cleanName } from './clean-name';
import type { ErrorCode } from './errors';
import { parseOtpauthUri } from './otp';
import { isOtpUriError } from './otp/errors';
import { classifyQrText, type QrTextKind } from './qr/classify';

/** One QR code found by a scan, and what it means for the user. */
export type ScannedCode =
  /**
   * An authenticator account: new, already stored (`id`), or stored by this scan. `askSite`: the page
   * did not show it from its own origin (see `./scan-trust.ts`), so it is added with no site and the
   * user is asked whether it is for this one (the tab's origin).
   */
  | {
      kind: 'account';
      account: OtpAccount;
      status: 'new' | 'added' | 'duplicate';
      id?: string;
      askSite?: string;
    }
  /** An otpauth link that cannot be read: the error says what is wrong with it. */
  | { kind: 'invalid'; error: ErrorCode }
  /** A Google Authenticator transfer code: many accounts at once (import). */
  | { kind: 'migration' }
  /** Anything else: a web link, Wi-Fi, a contact… never added. `host` names a web link's site. */
  | { kind: 'other'; what: Exclude<QrTextKind, 'otpauth' | 'otpauth-migration' | 'steam'>; host?: string };

function webHost(text: string): string | undefined {
  try {
    return new URL(/^https?:\/\//i.test(text.trim()) ? text.trim() : `https://${text.trim()}`).host;
  } catch {
    return undefined;
  }
}

/** Turns a decoded QR text into what the user is told; the secret stays inside `account`. */
export function interpretQrText(text: string): ScannedCode {
  const { kind } = classifyQrText(text);
  if (kind === 'otpauth' || kind === 'steam') {
    try {
      const account = parseOtpauthUri(text.trim());
      // Shown before the vault (which cleans every stored name) has seen it.
      const named = { ...account, issuer: cleanName(account.issuer), label: cleanName(account.label) };
      return { kind: 'account', account: named, status: 'new' };
    } catch (error) {
      return { kind: 'invalid', error: isOtpUriError(error) ? error.code : 'bad-uri' };
    }
  }
  if (kind === 'otpauth-migration') return { kind: 'migration' };
  return kind === 'web-link'
    ? { kind: 'other', what: kind, host: webHost(text) }
    : { kind: 'other', what: kind };
}

/** The same code seen twice (the capture and the page's own image) is one code. */
export function uniqueTexts(texts: readonly string[]): string[] {
  return [...new Set(texts.map((text) => text.trim()).filter(Boolean))];
}
