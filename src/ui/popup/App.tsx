import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StoredAccount } from '../../core/account';
import type { ProtocolError } from '../../core/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import { send } from '../../messaging/client';
import type { AccountPatch, VaultStatus } from '../../messaging/protocol';
import { activeTab, importAccounts } from '../actions';
import { codeTime, setClockOffset } from '../clock';
import { codeAt } from '../codes';
import { type FillUi, fillIn, pendingFill, type SiteQuestion, siteName } from '../fill';
import { errorText, t } from '../i18n';
import { dataUrlOf, pastedImage } from '../images';
import { arrange, moveBy, moveNextTo, withOrder } from '../order';
import { markCodesPainted } from '../perf';
import { ScanResults, type ScanState } from '../ScanResults';
import { matchesQuery, searchText } from '../search';
import { showToast } from '../toast';
import { AccountList, type FocusRequest } from './AccountList';
import { accountName, type RowAction } from './AccountRow';
import { AddedView } from './AddedView';
import { AddManualView } from './AddManualView';
import { boot } from './boot';
import { ConfirmDialog } from './ConfirmDialog';
import { EditAccountView } from './EditAccountView';
import { EmptyState } from './EmptyState';
import { Header } from './Header';
import { LockScreen } from './LockScreen';
import { SettingsView } from './SettingsView';
import { SubHeader } from './SubHeader';
import { Toast } from './Toast';
import { Tour } from './Tour';

type View =
  | { name: 'loading' }
  | { name: 'failed'; message: string }
  | { name: 'locked' }
  | { name: 'list' }
  | { name: 'add' }
  /** `target`: the tab that was scanned; none for a pasted image. `seq` tells one scan from the next. */
  | { name: 'scan'; state: ScanState; target?: Target; seq: number }
  /** A scan just added this account: show its first code. */
  | { name: 'added'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'settings'; forLock: boolean }
  /** The shortcut or context menu found several accounts for the page: the user picks one. */
  | { name: 'choose'; tabId: number; site: string; ids: string[] };

type Target = { tabId: number; windowId: number };

const UNDO_MS = 10_000;

/** Typing a letter anywhere searches; these places keep their own keys. */
const OWN_KEYS = 'input, textarea, select, [contenteditable="true"], dialog, [role="menu"]';
const SPACE_KEYS = 'button, a, summary, li[data-index]';

export function App() {
  const [view, setView] = useState<View>({ name: 'loading' });
  const [accounts, setAccounts] = useState<StoredAccount[]>([]);
  const [damaged, setDamaged] = useState<string[]>([]);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [status, setStatus] = useState<VaultStatus>({ state: 'unlocked', hasPassword: false });
  const [host, setHost] = useState<string>();
  const [query, setQuery] = useState('');
  const [highlightId, setHighlightId] = useState<string>();
  const [focus, setFocus] = useState<FocusRequest>();
  const [confirmDelete, setConfirmDelete] = useState<StoredAccount>();
  const [siteQuestion, setSiteQuestion] = useState<{
    question: SiteQuestion;
    answer: (yes: boolean) => void;
  }>();
  // Bumped when the edit view must start over from fresh data (another window saved first).
  const [freshness, setFreshness] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);
  const scans = useRef(0);
  const accountsRef = useRef(accounts);
  accountsRef.current = accounts;

  const focusRow = (id: string) => setFocus((previous) => ({ id, seq: (previous?.seq ?? 0) + 1 }));

  const showLocked = () => {
    setAccounts([]);
    setQuery('');
    setView({ name: 'locked' });
  };

  const failed = (error: ProtocolError) => {
    if (error.code === 'locked') showLocked();
    else showToast(errorText(error));
  };

  const fillUi: FillUi = {
    confirmSite: (question) => new Promise((answer) => setSiteQuestion({ question, answer })),
    showLocked: () => showLocked(),
  };

  const answerSiteQuestion = (yes: boolean) => {
    siteQuestion?.answer(yes);
    setSiteQuestion(undefined);
  };

  /** Finishes what the shortcut or context menu started, now that the popup is open. */
  const finishPendingFill = async () => {
    const pending = await pendingFill();
    if (!pending) return;
    const { outcome, tabId } = pending;
    if (outcome.status === 'choose') {
      setView({ name: 'choose', tabId, site: outcome.site, ids: outcome.accounts.map((a) => a.id) });
    } else if (outcome.status === 'confirm-site') {
      await fillIn(outcome.account, fillUi, tabId);
    } else if (outcome.status === 'no-account') {
      showToast(t('fill_no_account', siteName(outcome.site)));
    }
  };

  /** Returns false when the list could not be read (and says why). */
  const reload = async (): Promise<boolean> => {
    const result = await send('vault.list', {});
    if (result.ok) {
      setClockOffset(result.value.clockOffsetMs);
      setAccounts(result.value.accounts);
      setDamaged(result.value.damaged);
      return true;
    }
    failed(result.error);
    return false;
  };

  // A layout effect, not a plain one: Preact runs plain effects a frame late, and that frame counts.
  useLayoutEffect(() => {
    const loadRest = () =>
      void boot.rest().then(([vaultStatus, stored]) => {
        if (vaultStatus.ok) setStatus(vaultStatus.value);
        if (stored.ok) setSettings(stored.value);
        setView((current) => (current.name === 'loading' ? { name: 'list' } : current));
        if (vaultStatus.ok && vaultStatus.value.state === 'unlocked') void finishPendingFill();
      });
    void Promise.all([boot.list, boot.host]).then(([list, tabHost]) => {
      setHost(tabHost);
      if (!list.ok) {
        setView(
          list.error.code === 'locked'
            ? { name: 'locked' }
            : { name: 'failed', message: errorText(list.error) },
        );
        return loadRest();
      }
      setClockOffset(list.value.clockOffsetMs);
      setAccounts(list.value.accounts);
      setDamaged(list.value.damaged);
      // An empty vault waits for the settings: they decide between the tour and the empty state.
      if (list.value.accounts.length === 0) return loadRest();
      setView({ name: 'list' });
      // After the codes are painted (a frame, then a task), so nothing competes with that paint.
      requestAnimationFrame(() => setTimeout(loadRest));
    });
  }, []);

  // Every screen but a populated list is painted at once; the list marks itself when its codes are in.
  useLayoutEffect(() => {
    if (view.name === 'loading' || (view.name === 'list' && accounts.length > 0)) return;
    const raf = requestAnimationFrame(markCodesPainted);
    return () => cancelAnimationFrame(raf);
  }, [view.name]);

  const items = useMemo(() => arrange(accounts, host), [accounts, host]);
  const searching = query.trim() !== '';
  // Built on the first keystroke, not at start: opening the popup should not pay for a search.
  const haystacks = useMemo(
    () => (searching ? new Map(accounts.map((a) => [a.id, searchText(a)])) : undefined),
    [accounts, searching],
  );
  const shown = useMemo(
    () =>
      haystacks ? items.filter((item) => matchesQuery(haystacks.get(item.account.id) ?? '', query)) : items,
    [items, haystacks, query],
  );

  const onList = view.name === 'list' && accounts.length > 0;

  useEffect(() => {
    if (!onList) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      if (Array.from(event.key).length !== 1) return;
      const target = event.target as Element;
      if (target.closest?.(OWN_KEYS)) return;
      if (event.key === ' ' && target.closest?.(SPACE_KEYS)) return;
      // Focus moves before the key's default action, so the character lands in the search box.
      searchBox.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onList]);

  const copy = async (account: StoredAccount) => {
    const code = codeAt(account, codeTime());
    if (!code) return showToast(t('code_unavailable'));
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      return showToast(t('copy_failed'));
    }
    showToast(t('copied'));
    // The background clears the clipboard after the user's chosen delay; a failure there is not worth a scare.
    void send('clipboard.scheduleClear', { text: code });
  };

  const update = async (account: StoredAccount, patch: AccountPatch): Promise<StoredAccount | undefined> => {
    const result = await send('vault.update', { id: account.id, revision: account.revision, patch });
    if (result.ok) {
      setAccounts((list) => list.map((entry) => (entry.id === result.value.id ? result.value : entry)));
      return result.value;
    }
    if (result.error.code === 'stale-revision' || result.error.code === 'not-found') {
      if (await reload()) {
        setFreshness((n) => n + 1);
        showToast(t('stale_reloaded'));
      }
      return undefined;
    }
    failed(result.error);
    return undefined;
  };

  const reorder = async (ids: string[] | undefined, focusId: string) => {
    if (!ids) return;
    setAccounts((list) => withOrder(list, ids));
    focusRow(focusId);
    const result = await send('vault.reorder', { ids });
    if (!result.ok) failed(result.error);
    // Reordering rewrites every record (new revisions), so fetch them before the next edit.
    await reload();
  };

  const remove = async (account: StoredAccount) => {
    setConfirmDelete(undefined);
    const index = shown.findIndex((item) => item.account.id === account.id);
    const result = await send('vault.remove', { id: account.id, revision: account.revision });
    if (!result.ok) {
      if (result.error.code === 'stale-revision' && (await reload())) return showToast(t('stale_reloaded'));
      return failed(result.error);
    }
    setAccounts((list) => list.filter((entry) => entry.id !== account.id));
    const neighbour = shown[index + 1] ?? shown[index - 1];
    if (neighbour) focusRow(neighbour.account.id);
    else searchBox.current?.focus();
    // A damaged record comes back as null: it is gone, but there is nothing to undo into.
    const removed = result.value;
    showToast(
      t('deleted', accountName(account)),
      removed ? { durationMs: UNDO_MS, action: { label: t('undo'), run: () => void restore(removed) } } : {},
    );
  };

  const restore = async (account: StoredAccount) => {
    const result = await send('vault.restore', { account });
    if (!result.ok) return failed(result.error);
    await reload();
    focusRow(result.value.id);
    showToast(t('restored', accountName(result.value)));
  };

  const upsert = (account: StoredAccount) =>
    setAccounts((list) => [...list.filter((entry) => entry.id !== account.id), account]);

  /** Scans the page the popup was opened on, or a pasted image (a data: URL). */
  const scan = async (source: Target | string) => {
    const seq = ++scans.current;
    const target = typeof source === 'string' ? undefined : source;
    const show = (state: ScanState) => setView({ name: 'scan', state, target, seq });
    show({ phase: 'busy' });
    const result =
      typeof source === 'string'
        ? await send('scan.image', { dataUrl: source })
        : await send('scan.tab', source);
    // The user went back (or started another scan) in the meantime.
    if (seq !== scans.current) return;
    if (!result.ok)
      return result.error.code === 'locked' ? showLocked() : show({ phase: 'failed', error: result.error });
    // Only a lone code can come back added (or as a duplicate): the page showed one set-up code.
    const [only, second] = result.value.codes;
    if (!second && only?.kind === 'account' && only.id) {
      if (only.status !== 'added') {
        showToast(t('error_duplicate'));
        return backToList(only.id, true);
      }
      await reload();
      return setView({ name: 'added', id: only.id });
    }
    show({ phase: 'done', response: result.value });
  };

  const scanPage = () => void activeTab().then(scan);

  const onAction = (action: RowAction, account: StoredAccount) => {
    switch (action) {
      case 'fill':
        return void fillIn(account, fillUi);
      case 'next':
        return void update(account, { counter: account.counter + 1 });
      case 'edit':
        return setView({ name: 'edit', id: account.id });
      case 'pin':
        return void update(account, { pinned: !account.pinned }).then((saved) => saved && focusRow(saved.id));
      case 'up':
      case 'down':
        return void reorder(moveBy(accounts, account.id, action === 'up' ? -1 : 1), account.id);
      case 'delete':
        return setConfirmDelete(account);
    }
  };

  const canMove = useCallback(
    (id: string, delta: -1 | 1) => moveBy(accountsRef.current, id, delta) !== undefined,
    [],
  );

  const lock = async () => {
    if (!status.hasPassword) return setView({ name: 'settings', forLock: true });
    const result = await send('vault.lock', {});
    if (!result.ok) return failed(result.error);
    setStatus(result.value);
    showLocked();
  };

  const unlocked = async (next: VaultStatus) => {
    setStatus(next);
    if (await reload()) {
      setView({ name: 'list' });
      void finishPendingFill();
    }
  };

  /** `highlight`: the account just arrived (or was already there): make it easy to spot. */
  const backToList = (focusId?: string, highlight?: boolean) => {
    scans.current++;
    setView({ name: 'list' });
    if (highlight) {
      setQuery('');
      setHighlightId(focusId);
    }
    if (focusId) focusRow(focusId);
    else setFocus(undefined);
  };

  // A QR image pasted anywhere (a text box takes no image) is scanned as if it were on the page.
  const pasteOk = view.name === 'list' || view.name === 'scan' || view.name === 'added';
  useEffect(() => {
    if (!pasteOk) return;
    const onPaste = (event: ClipboardEvent) => {
      const image = pastedImage(event);
      if (!image) return;
      event.preventDefault();
      void dataUrlOf(image).then(scan);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [pasteOk]);

  // The "just added" glow is for the moment of arrival, not for every later scroll past it.
  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(undefined), 4000);
    return () => clearTimeout(timer);
  }, [highlightId]);

  const finishTour = async () => {
    setSettings((current) => ({ ...current, tourDone: true }));
    const result = await send('settings.set', { patch: { tourDone: true } });
    if (result.ok) setSettings(result.value);
  };

  const onSearchKeyDown = (event: KeyboardEvent) => {
    const first = shown[0];
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      focusRow(first.account.id);
    } else if (event.key === 'Enter' && first && query.trim()) {
      event.preventDefault();
      void copy(first.account);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const gone = (
    <main class="panel">
      <p>{t('account_gone')}</p>
      <button type="button" class="btn" onClick={() => backToList()}>
        {t('back')}
      </button>
    </main>
  );

  let body: ComponentChildren;
  switch (view.name) {
    case 'loading':
      body = <main class="loading" aria-busy="true" />;
      break;
    case 'failed':
      body = (
        <main class="panel">
          <p class="error">{view.message}</p>
          <button type="button" class="btn" onClick={() => void reload().then((ok) => ok && backToList())}>
            {t('try_again')}
          </button>
        </main>
      );
      break;
    case 'locked':
      body = <LockScreen onUnlocked={unlocked} />;
      break;
    case 'add':
      body = (
        <AddManualView
          onBack={() => backToList()}
          onFailure={failed}
          onAdded={(account) => {
            upsert(account);
            backToList(account.id, true);
            showToast(t('added', accountName(account)));
          }}
        />
      );
      break;
    case 'scan': {
      const { target } = view;
      const code = view.state.phase === 'failed' ? view.state.error.code : undefined;
      body = (
        <>
          <SubHeader title={t('scan_qr')} onBack={() => backToList()} focusTitle />
          <main class="view" aria-busy={view.state.phase === 'busy'}>
            <ScanResults
              key={view.seq}
              state={view.state}
              image={!target}
              onAdded={(account) => {
                upsert(account);
                setHighlightId(account.id);
              }}
              onFailure={failed}
            />
            {view.state.phase !== 'busy' && (
              <div class="form-buttons">
                {target && code !== 'capture-forbidden' && (
                  <button
                    type="button"
                    class={code === 'no-qr' ? 'btn btn-primary' : 'btn'}
                    title={t('scan_select_area_hint')}
                    // The user draws on the page, so the popup gets out of the way.
                    onClick={() => void send('scan.selectArea', target).then(() => window.close())}
                  >
                    {t('scan_select_area')}
                  </button>
                )}
                <button type="button" class={code ? 'btn' : 'btn btn-primary'} onClick={() => backToList()}>
                  {t(code ? 'back' : 'done')}
                </button>
              </div>
            )}
          </main>
        </>
      );
      break;
    }
    case 'added': {
      const account = accounts.find((entry) => entry.id === view.id);
      body = account ? (
        <AddedView
          account={account}
          onCopy={() => void copy(account)}
          onFill={() => void fillIn(account, fillUi)}
          onNext={() => void update(account, { counter: account.counter + 1 })}
          onDone={() => backToList(account.id, true)}
        />
      ) : (
        gone
      );
      break;
    }
    case 'edit': {
      const account = accounts.find((entry) => entry.id === view.id);
      body = account ? (
        <EditAccountView
          key={`${account.id}:${freshness}`}
          account={account}
          onBack={() => backToList(account.id)}
          onUpdate={update}
          onSaved={(saved) => {
            backToList(saved.id);
            showToast(t('saved'));
          }}
        />
      ) : (
        gone
      );
      break;
    }
    case 'settings':
      body = (
        <SettingsView
          settings={settings}
          status={status}
          forLock={view.forLock}
          onBack={() => backToList()}
          onSettings={setSettings}
          onStatus={setStatus}
          onFailure={failed}
        />
      );
      break;
    case 'choose': {
      const choices = accounts.filter((account) => view.ids.includes(account.id));
      body = (
        <main class="panel">
          <h2>{t('fill_choose_title', siteName(view.site))}</h2>
          <p class="muted">{t('fill_choose_hint')}</p>
          <div class="choices">
            {choices.map((account) => (
              <button
                key={account.id}
                type="button"
                class="choice"
                onClick={() => void fillIn(account, fillUi, view.tabId)}
              >
                <span class="choice-title">{account.issuer || account.label}</span>
                <span class="choice-hint">{account.label}</span>
              </button>
            ))}
          </div>
          <div class="panel-actions">
            <button type="button" class="btn" onClick={() => backToList()}>
              {t('back')}
            </button>
          </div>
        </main>
      );
      break;
    }
    case 'list':
      body = (
        <>
          <Header
            hasPassword={status.hasPassword}
            search={
              accounts.length > 0
                ? { query, ref: searchBox, onInput: setQuery, onKeyDown: onSearchKeyDown }
                : undefined
            }
            onScan={scanPage}
            onAdd={() => setView({ name: 'add' })}
            onImport={importAccounts}
            onSettings={() => setView({ name: 'settings', forLock: false })}
            onLock={() => void lock()}
          />
          {damaged.length > 0 && (
            <p class="banner" role="note">
              {t('damaged_notice', String(damaged.length))}
            </p>
          )}
          {accounts.length === 0 ? (
            <main class="view">
              {settings.tourDone ? (
                <EmptyState
                  onScan={scanPage}
                  onType={() => setView({ name: 'add' })}
                  onImport={importAccounts}
                />
              ) : (
                <Tour onDone={() => void finishTour()} />
              )}
            </main>
          ) : (
            <main class="main-list">
              {shown.length === 0 && <p class="no-results">{t('no_results', query.trim())}</p>}
              <AccountList
                items={shown}
                query={query}
                highlightId={highlightId}
                focus={focus}
                canMove={canMove}
                onCopy={(account) => void copy(account)}
                onAction={onAction}
                onReorder={(id, targetId, after) =>
                  void reorder(moveNextTo(accounts, id, targetId, after), id)
                }
                onLeaveTop={() => searchBox.current?.focus()}
              />
            </main>
          )}
        </>
      );
      break;
  }

  return (
    <div class="app">
      {body}
      <Toast />
      {confirmDelete && (
        <ConfirmDialog
          title={t('delete_title')}
          body={t('delete_body', accountName(confirmDelete))}
          confirmLabel={t('delete')}
          cancelLabel={t('cancel')}
          onConfirm={() => void remove(confirmDelete)}
          onCancel={() => setConfirmDelete(undefined)}
        />
      )}
      {siteQuestion && (
        <ConfirmDialog
          title={t('fill_confirm_title')}
          body={t('fill_confirm_body', [siteQuestion.question.accountSites, siteQuestion.question.site])}
          confirmLabel={t('fill_confirm_button')}
          cancelLabel={t('cancel')}
          onConfirm={() => answerSiteQuestion(true)}
          onCancel={() => answerSiteQuestion(false)}
        />
      )}
    </div>
  );
}
