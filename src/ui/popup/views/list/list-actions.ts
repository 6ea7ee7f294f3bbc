import type { StoredAccount } from '../../../../core/account';
import { send } from '../../../../messaging/client';
import { accountName } from '../../../account-name';
import { t } from '../../../i18n';
import { type ListItem, moveBy, withOrder } from '../../../order';
import { showToast } from '../../../toast';
import { nextCode, updateAccount } from '../../account-actions';
import { fillIn } from '../../fill-lazy';
import type { Shell } from '../../shell';
import type { RowAction } from './AccountRow';

const UNDO_MS = 10_000;

/**
 * What the list's rows and header do. `shown` is the list as the user sees it (searched), for
 * the row that takes focus after a delete; `focusSearch` is where focus goes when none is left.
 */
export function listActions(shell: Shell, shown: ListItem[], focusSearch: () => void) {
  const { accounts, focusRow } = shell;

  const reorder = async (ids: string[] | undefined, focusId: string) => {
    if (!ids) return;
    shell.setAccounts((current) => withOrder(current, ids));
    focusRow(focusId);
    const result = await send('vault.reorder', { ids });
    if (!result.ok) shell.failed(result.error);
    // Reordering rewrites every record (new revisions), so fetch them before the next edit.
    await shell.reload();
  };

  const remove = async (account: StoredAccount) => {
    const index = shown.findIndex((item) => item.account.id === account.id);
    const result = await send('vault.remove', { id: account.id, revision: account.revision });
    if (!result.ok) {
      if (result.error.code === 'stale-revision' && (await shell.reload()))
        return showToast(t('stale_reloaded'));
      return shell.failed(result.error);
    }
    shell.setAccounts((current) => current.filter((entry) => entry.id !== account.id));
    const neighbour = shown[index + 1] ?? shown[index - 1];
    if (neighbour) focusRow(neighbour.account.id);
    else focusSearch();
    // A damaged record comes back as null: it is gone, but there is nothing to undo into.
    const removed = result.value;
    showToast(
      t('deleted', accountName(account)),
      removed ? { durationMs: UNDO_MS, action: { label: t('undo'), run: () => void restore(removed) } } : {},
    );
  };

  const restore = async (account: StoredAccount) => {
    const result = await send('vault.restore', { account });
    if (!result.ok) return shell.failed(result.error);
    await shell.reload();
    focusRow(result.value.id);
    showToast(t('restored', accountName(result.value)));
  };

  const onAction = (action: RowAction, account: StoredAccount) => {
    switch (action) {
      case 'fill':
        return void fillIn(account, shell);
      case 'next':
        return nextCode(shell, account);
      case 'edit':
        return shell.go({ name: 'edit', id: account.id });
      case 'setup':
        return shell.go({ name: 'setup', id: account.id });
      case 'pin':
        return void updateAccount(shell, account, { pinned: !account.pinned }).then(
          (saved) => saved && focusRow(saved.id),
        );
      case 'up':
      case 'down':
        return void reorder(moveBy(accounts, account.id, action === 'up' ? -1 : 1), account.id);
      case 'delete':
        return void shell
          .ask(t('delete_title'), t('delete_body', accountName(account)), t('delete'))
          .then((yes) => {
            if (yes) void remove(account);
          });
    }
  };

  return { reorder, onAction };
}

/** Locks now, or first asks for a password: without one, locking would protect nothing. */
export async function lock(shell: Shell) {
  if (!shell.status.hasPassword) return shell.go({ name: 'settings', forLock: true });
  const result = await send('vault.lock', {});
  if (!result.ok) return shell.failed(result.error);
  shell.setStatus(result.value);
  shell.showLocked();
}

export async function finishTour(shell: Shell) {
  shell.setSettings((current) => ({ ...current, tourDone: true }));
  const result = await send('settings.set', { patch: { tourDone: true } });
  if (result.ok) shell.setSettings(result.value);
}
