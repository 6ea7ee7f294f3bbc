import type { Dispatch, StateUpdater } from 'preact/hooks';
import type { StoredAccount } from '../../core/account';
import type { ProtocolError } from '../../core/errors';
import type { Settings } from '../../core/settings';
import type { PolicyView, VaultStatus } from '../../messaging/protocol';
import type { ScanState } from '../components/ScanResults';
import type { FillUi } from '../fill-from-popup';
import type { FocusRequest } from './views/list/AccountList';

/** The tab the popup was opened on. */
export type Target = { tabId: number; windowId: number };

/**
 * One screen of the popup at a time. App.tsx routes each to its file in views/; loading and failed,
 * a line or two each, are drawn there.
 */
export type View =
  | { name: 'loading' }
  /** `help`: the organisation refused, so its help page goes beside the message. */
  | { name: 'failed'; message: string; help?: boolean }
  | { name: 'locked' }
  /** The organisation requires a password and the vault has none: setting one is all there is to do. */
  | { name: 'password-required' }
  | { name: 'list' }
  | { name: 'add' }
  /** `target`: the tab that was scanned; none for a pasted image. `seq` tells one scan from the next. */
  | { name: 'scan'; state: ScanState; target?: Target; seq: number }
  /** A scan just added this account: show its first code. `askSite`: ask which site it is for. */
  | { name: 'added'; id: string; askSite?: string }
  | { name: 'edit'; id: string }
  /** "Set up another device": the account's setup QR and key again, once the user asks. */
  | { name: 'setup'; id: string }
  | { name: 'settings'; forLock: boolean }
  /** The shortcut or context menu found several accounts for the page: the user picks one. */
  | { name: 'choose'; tabId: number; site: string; ids: string[] };

/**
 * What the shell lends every view: the vault's state, the way between views, and its answers to
 * failure. FillUi's `ask` and `showLocked` are here too, so a view can hand the shell to `fillIn`.
 */
export interface Shell extends FillUi {
  accounts: StoredAccount[];
  setAccounts: Dispatch<StateUpdater<StoredAccount[]>>;
  status: VaultStatus;
  setStatus: Dispatch<VaultStatus>;
  /** The organisation's policy as the worker enforces it; read again whenever it changes. */
  policy: PolicyView;
  settings: Settings;
  /** The vault status and settings have been read: until then both hold defaults, not the truth. */
  settled: boolean;
  setSettings: Dispatch<StateUpdater<Settings>>;
  /** Where the list was left (search, row to focus, what just arrived), kept while other views are open. */
  query: string;
  setQuery: Dispatch<string>;
  highlightId: string | undefined;
  setHighlightId: Dispatch<string | undefined>;
  focus: FocusRequest | undefined;
  focusRow: (id: string) => void;
  go: (view: View) => void;
  /** Back to the list, focus on `focusId`; `highlight`: that account just arrived (or was already there). */
  back: (focusId?: string, highlight?: boolean) => void;
  /** Fetches the accounts again; false when they could not be read (and says why). */
  reload: () => Promise<boolean>;
  /**
   * A refused request: the lock screen when the vault is locked, the password screen when the
   * organisation wants a password first, a message otherwise.
   */
  failed: (error: ProtocolError) => void;
  /** The vault (now) needs a password before anything else: forget the accounts shown, ask for one. */
  showPasswordRequired: () => void;
}
