import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { PageSite } from '../../../core/site-match';
import { matchesQuery, searchText } from '../../account-search';
import { activeTab, importAccounts } from '../../actions';
import { backupReminder } from '../../backup-reminder';
import { OrgHelp } from '../../components/OrgHelp';
import { t } from '../../i18n';
import { arrange, moveBy, moveNextTo } from '../../order';
import { copyCode } from '../account-actions';
import type { Shell } from '../shell';
import { AccountList } from './list/AccountList';
import { BackupReminder } from './list/BackupReminder';
import { EmptyState } from './list/EmptyState';
import { Header } from './list/Header';
import { finishTour, listActions, lock } from './list/list-actions';
import { PasswordNudge, wantsPasswordNudge } from './list/PasswordNudge';
import { Tour } from './list/Tour';
import { scan, usePastedScan } from './scan/start-scan';

/** Typing a letter anywhere searches; these places keep their own keys. */
const OWN_KEYS = 'input, textarea, select, [contenteditable="true"], dialog, [role="menu"]';
const SPACE_KEYS = 'button, a, summary, li[data-index]';

interface Props {
  shell: Shell;
  /** The tab the popup was opened on, for "This site". */
  page: PageSite | undefined;
  /** Ids of records that failed authentication. */
  damaged: string[];
}

export function ListView({ shell, page, damaged }: Props) {
  const { accounts, query, setQuery } = shell;
  const searchBox = useRef<HTMLInputElement>(null);
  const focusSearch = () => searchBox.current?.focus();
  const items = useMemo(() => arrange(accounts, page), [accounts, page]);
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
  const any = accounts.length > 0;
  const { policy } = shell.policy;
  // No backup can be saved under disableExport: asking for one would only lead to a refusal.
  const reminder =
    shell.settled && !policy.disableExport
      ? backupReminder(accounts, shell.settings, Date.now(), policy.backupReminderDays)
      : undefined;
  const onImport = policy.disableImport ? undefined : importAccounts;
  const onType = policy.disableManualEntry ? undefined : () => shell.go({ name: 'add' });

  useEffect(() => {
    if (!any) return;
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
  }, [any]);

  usePastedScan(shell);
  const { reorder, onAction } = listActions(shell, shown, focusSearch);
  const scanPage = () => void activeTab().then((tab) => scan(shell, tab));
  const add = () => shell.go({ name: 'add' });

  const onSearchKeyDown = (event: KeyboardEvent) => {
    const first = shown[0];
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      shell.focusRow(first.account.id);
    } else if (event.key === 'Enter' && first && query.trim()) {
      event.preventDefault();
      void copyCode(first.account);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  return (
    <>
      <Header
        hasPassword={shell.status.hasPassword}
        search={any ? { query, ref: searchBox, onInput: setQuery, onKeyDown: onSearchKeyDown } : undefined}
        onScan={scanPage}
        onAdd={add}
        onImport={onImport}
        onSettings={() => shell.go({ name: 'settings', forLock: false })}
        onLock={() => void lock(shell)}
      />
      {damaged.length > 0 && (
        <p class="banner" role="note">
          {t('damaged_notice', String(damaged.length))}
        </p>
      )}
      {/* One banner at a time: the password first, then the backup (its file is safer under one). */}
      {wantsPasswordNudge(shell) ? (
        <PasswordNudge shell={shell} />
      ) : (
        reminder && <BackupReminder shell={shell} kind={reminder} />
      )}
      {!any ? (
        <main class="view">
          {shell.settings.tourDone ? (
            <EmptyState onScan={scanPage} onType={onType} onImport={onImport} />
          ) : (
            <Tour onDone={() => void finishTour(shell)} />
          )}
        </main>
      ) : (
        <main class="main-list">
          {shown.length === 0 && <p class="no-results">{t('no_results', query.trim())}</p>}
          <AccountList
            items={shown}
            query={query}
            highlightId={shell.highlightId}
            focus={shell.focus}
            canMove={(id, delta) => moveBy(accounts, id, delta) !== undefined}
            onCopy={(account) => void copyCode(account)}
            onAction={onAction}
            onReorder={(id, targetId, after) => void reorder(moveNextTo(accounts, id, targetId, after), id)}
            onLeaveTop={focusSearch}
          />
        </main>
      )}
      {(policy.helpUrl || policy.supportContact) && (
        <footer class="org-footer">
          <OrgHelp policy={policy} />
        </footer>
      )}
    </>
  );
}
