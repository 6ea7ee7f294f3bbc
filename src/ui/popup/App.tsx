import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { StoredAccount } from '../../core/account';
import type { ProtocolError, Result } from '../../core/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import type { PageSite } from '../../core/site-match';
import { send } from '../../messaging/client';
import type { PolicyView, ResponseOf, VaultStatus } from '../../messaging/protocol';
import { SYNCED_AT_KEY } from '../../vault/session-keys';
import { setClockOffsets } from '../code-time';
import type { Question } from '../components/ConfirmDialog';
import { lazyView } from '../components/lazy';
import { OrgHelp } from '../components/OrgHelp';
import { Toast } from '../components/Toast';
import { errorText, t } from '../i18n';
import { markCodesPainted } from '../perf';
import { NO_POLICY, onPolicyChange } from '../policy';
import { showError } from '../policy-help';
import { clearToast } from '../toast';
import { boot } from './boot';
import { finishPendingFill } from './fill-lazy';
import type { Shell, View } from './shell';
import { AddedView } from './views/AddedView';
import { ListView } from './views/ListView';
import type { FocusRequest } from './views/list/AccountList';
import { RowMenuItems } from './views/list/RowMenu';
import { abandonScan } from './views/scan/start-scan';

// Opened from the list, never at start: fetched once the list is on screen (see `lazyView`).
const AddView = lazyView(async () => (await import('./views/AddView')).AddView);
const EditView = lazyView(async () => (await import('./views/EditView')).EditView);
const SettingsView = lazyView(async () => (await import('./views/SettingsView')).SettingsView);
const SetupDeviceView = lazyView(async () => (await import('./views/SetupDeviceView')).SetupDeviceView);
// A scan's progress: shown after a click, by which time the idle preload has it. The added view stays
// in the first bundle: a question left by "Select the area" opens the popup straight onto it.
const ScanView = lazyView(async () => (await import('./views/ScanView')).ScanView);
const ChooseView = lazyView(async () => (await import('./views/ChooseView')).ChooseView);
// Only a locked vault shows it, and then the worker's answer (a round trip) came first anyway.
const LockedView = lazyView(async () => (await import('./views/LockedView')).LockedView);
const ConfirmDialog = lazyView(async () => (await import('../components/ConfirmDialog')).ConfirmDialog);
const ON_DEMAND = [
  ScanView,
  AddView,
  EditView,
  SettingsView,
  SetupDeviceView,
  RowMenuItems,
  ChooseView,
  ConfirmDialog,
];
// Only under an organisation's requirePassword, and then it is the whole popup: not preloaded.
const PasswordRequiredView = lazyView(
  async () => (await import('./views/PasswordRequiredView')).PasswordRequiredView,
);

/** Same accounts at the same revisions, same damage, same clock corrections: nothing to redraw. */
function sameList(a: ResponseOf<'vault.list'>, b: ResponseOf<'vault.list'>): boolean {
  const key = (list: ResponseOf<'vault.list'>) =>
    JSON.stringify([
      list.accounts.map((account) => [account.id, account.revision, list.clockOffsets[account.id] ?? 0]),
      list.damaged,
    ]);
  return key(a) === key(b);
}

const requiresPassword = (error: ProtocolError) =>
  error.code === 'policy-forbidden' && error.message === 'requirePassword';

/** Views that show the account list, or come back to it with what they hold. */
const LIVE_VIEWS = new Set<View['name']>(['list', 'settings', 'add', 'scan', 'added', 'choose']);

/** The popup's shell: which view is showing, and the vault state the views share. */
export function App() {
  const [view, setView] = useState<View>({ name: 'loading' });
  const [accounts, setAccounts] = useState<StoredAccount[]>([]);
  const [damaged, setDamaged] = useState<string[]>([]);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [status, setStatus] = useState<VaultStatus>({ state: 'unlocked', hasPassword: false });
  const [policy, setPolicy] = useState<PolicyView>(NO_POLICY);
  // For the policy listener, registered once: which screen is showing when the policy changes.
  const shownView = useRef<View['name']>(view.name);
  shownView.current = view.name;
  const [settled, setSettled] = useState(false);
  const [page, setPage] = useState<PageSite>();
  // Bumped whenever the accounts are fetched again, so the edit view starts over from fresh data
  // (another window saved first); no other view holds a draft of an account.
  const [loads, setLoads] = useState(0);
  const [question, setQuestion] = useState<Question>();
  // Where the list was left, kept here so a trip to another view comes back to the same place.
  const [query, setQuery] = useState('');
  const [highlightId, setHighlightId] = useState<string>();
  const [focus, setFocus] = useState<FocusRequest>();

  const focusRow = (id: string) => setFocus((previous) => ({ id, seq: (previous?.seq ?? 0) + 1 }));

  const showLocked = () => {
    setAccounts([]);
    setQuery('');
    setView({ name: 'locked' });
  };

  const showPasswordRequired = () => {
    setAccounts([]);
    setQuery('');
    setView({ name: 'password-required' });
  };

  /** Follows the vault's status: the password screen comes and goes with the organisation's rule. */
  const settle = (answer: Result<VaultStatus>) => {
    if (!answer.ok) return;
    setStatus(answer.value);
    if (answer.value.passwordRequired) {
      if (shownView.current !== 'password-required') showPasswordRequired();
    } else if (shownView.current === 'password-required') {
      void reload().then((ok) => ok && setView({ name: 'list' }));
    }
  };

  const failed = (error: ProtocolError) => {
    if (error.code === 'locked') return showLocked();
    // The rule may have arrived while this popup was open; the status says whether it applies here.
    if (requiresPassword(error))
      return void send('vault.status', {}).then((answer) =>
        answer.ok && answer.value.passwordRequired ? settle(answer) : showError(error),
      );
    showError(error);
  };

  const loaded = (value: ResponseOf<'vault.list'>) => {
    setClockOffsets(value.clockOffsets);
    setAccounts(value.accounts);
    setDamaged(value.damaged);
  };

  const reload = async (): Promise<boolean> => {
    const result = await send('vault.list', {});
    if (!result.ok) {
      failed(result.error);
      return false;
    }
    loaded(result.value);
    setLoads((n) => n + 1);
    return true;
  };

  const ask = (title: string, body: string, confirmLabel: string) =>
    new Promise<boolean>((resolve) =>
      setQuestion({
        title,
        body,
        confirmLabel,
        onAnswer: (yes) => {
          setQuestion(undefined);
          resolve(yes);
        },
      }),
    );

  // "Select the area" answers in the page, where nothing can be asked: the next popup asks for it.
  const askPendingSite = async () => {
    const answer = await send('scan.siteQuestion', {});
    const question = answer.ok ? answer.value : null;
    if (question)
      setView((current) =>
        current.name === 'list' ? { name: 'added', id: question.id, askSite: question.site } : current,
      );
  };

  const shell: Shell = {
    query,
    setQuery,
    highlightId,
    setHighlightId,
    focus,
    focusRow,
    accounts,
    setAccounts,
    status,
    setStatus,
    policy,
    settings,
    setSettings,
    settled,
    go: (next) => {
      clearToast();
      setView(next);
    },
    back: (focusId, highlight) => {
      clearToast();
      abandonScan();
      setView({ name: 'list' });
      // A new arrival clears the search, so it is sure to be in view.
      if (highlight) {
        setQuery('');
        setHighlightId(focusId);
      }
      if (focusId) focusRow(focusId);
      else setFocus(undefined);
    },
    reload,
    showLocked,
    showPasswordRequired,
    failed,
    ask,
  };

  // A layout effect, not a plain one: Preact runs plain effects a frame late, and that frame counts.
  useLayoutEffect(() => {
    const loadRest = () =>
      void boot.rest().then(([vaultStatus, stored, policyView]) => {
        setPolicy(policyView);
        if (stored.ok) setSettings(stored.value);
        setSettled(true);
        setView((current) => (current.name === 'loading' ? { name: 'list' } : current));
        settle(vaultStatus);
        if (vaultStatus.ok && vaultStatus.value.state === 'unlocked' && !vaultStatus.value.passwordRequired) {
          void finishPendingFill(shell);
          void askPendingSite();
        }
      });
    void Promise.all([boot.list, boot.page]).then(([list, tabPage]) => {
      setPage(tabPage);
      if (!list.ok) {
        const { error } = list;
        setView(
          error.code === 'locked'
            ? { name: 'locked' }
            : requiresPassword(error)
              ? { name: 'password-required' }
              : { name: 'failed', message: errorText(error), help: error.code === 'policy-forbidden' },
        );
        return loadRest();
      }
      loaded(list.value);
      // Painted from this page's own read: the worker's answer is the truth and replaces it.
      const confirm = () =>
        void boot.confirm().then((answer) => {
          if (!answer) return;
          if (!answer.ok) return failed(answer.error);
          if (!sameList(list.value, answer.value)) loaded(answer.value);
        });
      // An empty vault waits for the settings: they decide between the tour and the empty state.
      if (list.value.accounts.length === 0) {
        confirm();
        return loadRest();
      }
      setView({ name: 'list' });
      // After the codes are painted (a frame, then a task), so nothing competes with that paint.
      requestAnimationFrame(() =>
        setTimeout(() => {
          confirm();
          loadRest();
        }),
      );
    });
  }, []);

  // An organisation's change reaches an open popup: what it shows follows at once.
  useEffect(() => {
    const refresh = async (policyView: PolicyView) => {
      const [vaultStatus, stored] = await Promise.all([send('vault.status', {}), send('settings.get', {})]);
      setPolicy(policyView);
      if (stored.ok) setSettings(stored.value);
      settle(vaultStatus);
    };
    return onPolicyChange((policyView) => void refresh(policyView));
  }, []);

  // Sync brought accounts from another computer: the open popup shows them without reopening. Not
  // under an open edit, which a reload would start over (its save finds the newer revision instead).
  useEffect(() => {
    const heard = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && SYNCED_AT_KEY in changes && LIVE_VIEWS.has(shownView.current)) void reload();
    };
    browser.storage.onChanged.addListener(heard);
    return () => browser.storage.onChanged.removeListener(heard);
  }, []);

  // The "just added" glow is for the moment of arrival, not for every later scroll past it.
  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(undefined), 4000);
    return () => clearTimeout(timer);
  }, [highlightId]);

  // Every screen but a populated list is painted at once; the list marks itself when its codes are in.
  useLayoutEffect(() => {
    if (view.name === 'loading' || (view.name === 'list' && accounts.length > 0)) return;
    const raf = requestAnimationFrame(markCodesPainted);
    return () => cancelAnimationFrame(raf);
  }, [view.name]);

  useEffect(() => {
    if (view.name === 'loading') return;
    const idle = requestIdleCallback(() => {
      for (const lazy of ON_DEMAND) void lazy.preload();
    });
    return () => cancelIdleCallback(idle);
  }, [view.name === 'loading']);

  const body = () => {
    switch (view.name) {
      case 'loading':
        return <main class="loading" aria-busy="true" />;
      case 'failed':
        return (
          <main class="panel">
            <p class="error">{view.message}</p>
            {view.help && <OrgHelp policy={policy.policy} />}
            <button type="button" class="btn" onClick={() => void reload().then((ok) => ok && shell.back())}>
              {t('try_again')}
            </button>
          </main>
        );
      case 'locked':
        return <LockedView shell={shell} />;
      case 'password-required':
        return <PasswordRequiredView shell={shell} />;
      case 'list':
        return <ListView shell={shell} page={page} damaged={damaged} />;
      case 'add':
        return <AddView shell={shell} />;
      case 'scan':
        return <ScanView shell={shell} state={view.state} target={view.target} seq={view.seq} />;
      case 'settings':
        return <SettingsView shell={shell} forLock={view.forLock} />;
      case 'choose':
        return <ChooseView shell={shell} tabId={view.tabId} site={view.site} ids={view.ids} />;
    }
    const account = accounts.find((entry) => entry.id === view.id);
    if (!account)
      return (
        <main class="panel">
          <p>{t('account_gone')}</p>
          <button type="button" class="btn" onClick={() => shell.back()}>
            {t('back')}
          </button>
        </main>
      );
    switch (view.name) {
      case 'added':
        return <AddedView shell={shell} account={account} askSite={view.askSite} />;
      case 'edit':
        return <EditView key={`${account.id}:${loads}`} shell={shell} account={account} />;
      case 'setup':
        // Keyed by account: a shown key never carries over to another account.
        return <SetupDeviceView key={account.id} shell={shell} account={account} />;
    }
  };

  return (
    <div class="app">
      {body()}
      <Toast />
      {question && <ConfirmDialog {...question} />}
    </div>
  );
}
