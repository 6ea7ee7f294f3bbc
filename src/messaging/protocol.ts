import type { OtpAccount, RecoveryCode, StoredAccount } from '../core/account';
import type { ScannedCode } from '../core/scan-result';
import type { Settings } from '../core/settings';

export interface VaultStatus {
  state: 'locked' | 'unlocked';
  hasPassword: boolean;
  accountCount?: number;
}

/** What a new account may carry besides its OTP parameters. */
export interface NewAccount extends OtpAccount {
  sites?: string[];
  notes?: string;
  recoveryCodes?: RecoveryCode[];
  pinned?: boolean;
}

export type AccountPatch = Partial<
  Pick<StoredAccount, 'issuer' | 'label' | 'sites' | 'pinned' | 'notes' | 'recoveryCodes' | 'counter'>
>;

export interface CodeForFrame {
  issuer: string;
  label: string;
  code: string;
}

export interface ScanResponse {
  /** The page's origin ('' for an image), and the sites a new account from it is linked to. */
  site: string;
  sites: string[];
  /** Every QR code found, in reading order; a lone new account is already `added`. */
  codes: ScannedCode[];
}

export interface AccountSummary {
  id: string;
  issuer: string;
  label: string;
}

/** What a fill gesture came to; the popup (or an in-page notice) says it in the user's language. */
export type FillOutcome =
  | { status: 'filled'; account: AccountSummary; submitted: boolean; clockCorrectedMs?: number }
  | { status: 'copied'; account: AccountSummary; reason: 'no-field' | 'ambiguous' | 'rejected' }
  | { status: 'choose'; site: string; accounts: AccountSummary[] }
  | { status: 'no-account'; site: string }
  /** The account is not linked to the frame's site: only an explicit confirmation may fill (and link). */
  | { status: 'confirm-site'; account: AccountSummary; accountSites: string[]; site: string }
  | { status: 'not-allowed' }
  | { status: 'locked' };

/**
 * Every message: its request, its response, and who may send it. Extension pages (popup, options,
 * offscreen) may manage the vault; a content script may only ask for codes for its own frame's origin.
 */
export interface Protocol {
  'vault.status': { request: Record<string, never>; response: VaultStatus; from: 'extension-page' };
  'vault.unlock': { request: { password: string }; response: VaultStatus; from: 'extension-page' };
  'vault.lock': { request: Record<string, never>; response: VaultStatus; from: 'extension-page' };
  'vault.list': {
    request: Record<string, never>;
    /** `damaged`: ids of records that failed authentication; reported, never dropped. */
    response: { accounts: StoredAccount[]; damaged: string[]; clockOffsetMs: number };
    from: 'extension-page';
  };
  'vault.add': { request: { account: NewAccount }; response: StoredAccount; from: 'extension-page' };
  'vault.update': {
    request: { id: string; revision: number; patch: AccountPatch };
    response: StoredAccount;
    from: 'extension-page';
  };
  /** Answers the removed account (for Undo), or null when the record was damaged. */
  'vault.remove': {
    request: { id: string; revision?: number };
    response: StoredAccount | null;
    from: 'extension-page';
  };
  'vault.restore': { request: { account: StoredAccount }; response: StoredAccount; from: 'extension-page' };
  'vault.reorder': { request: { ids: string[] }; response: null; from: 'extension-page' };
  'vault.setPassword': {
    request: { newPassword: string; currentPassword?: string };
    response: VaultStatus;
    from: 'extension-page';
  };
  'vault.removePassword': {
    request: { currentPassword: string };
    response: VaultStatus;
    from: 'extension-page';
  };
  'vault.export': {
    request: Record<string, never>;
    response: { accounts: StoredAccount[] };
    from: 'extension-page';
  };
  'settings.get': { request: Record<string, never>; response: Settings; from: 'extension-page' };
  'settings.set': { request: { patch: Partial<Settings> }; response: Settings; from: 'extension-page' };
  'clipboard.scheduleClear': { request: { text: string }; response: null; from: 'extension-page' };
  'fill.tab': {
    request: { tabId: number; frameId?: number; accountId?: string; linkSite?: boolean };
    response: FillOutcome;
    from: 'extension-page';
  };
  /** A fill the shortcut or context menu could not finish alone (choose, confirm, unlock), for the popup. */
  'fill.pending': {
    request: Record<string, never>;
    response: { tabId: number; frameId?: number; outcome: FillOutcome } | null;
    from: 'extension-page';
  };
  'clock.check': {
    request: { tabId: number };
    response: { offsetMs: number; site: string } | null;
    from: 'extension-page';
  };
  /** Capture the visible tab and read the page's own QR images (the popup's click granted activeTab). */
  'scan.tab': {
    request: { tabId: number; windowId: number };
    response: ScanResponse;
    from: 'extension-page';
  };
  /** A QR image the user picked, dropped or pasted, as a data: URL. */
  'scan.image': { request: { dataUrl: string }; response: ScanResponse; from: 'extension-page' };
  /** Let the user draw a box around the QR on the page; the result is told in the page. */
  'scan.selectArea': { request: { tabId: number; windowId: number }; response: null; from: 'extension-page' };
  'code.forFrame': {
    request: Record<string, never>;
    response: { codes: CodeForFrame[] };
    from: 'content-script';
  };
}

export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = Protocol[N]['request'];
export type ResponseOf<N extends MessageName> = Protocol[N]['response'];
export type SenderKind = Protocol[MessageName]['from'];

/** The envelope on the wire; the tag keeps stray messages from other code out of the router. */
export interface Envelope<N extends MessageName = MessageName> {
  tweestap: 1;
  name: N;
  request: RequestOf<N>;
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Envelope>;
  return (
    candidate.tweestap === 1 && typeof candidate.name === 'string' && typeof candidate.request === 'object'
  );
}
