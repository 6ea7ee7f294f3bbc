import type { StoredAccount } from '../../core/account';
import { send } from '../../messaging/client';
import type { AccountPatch } from '../../messaging/protocol';
import { codeAt } from '../code-at';
import { accountTime } from '../code-time';
import { t } from '../i18n';
import { showToast } from '../toast';
import type { Shell } from './shell';

// Here rather than in one view: the list, the added view and the edit view all do these.

export async function copyCode(account: StoredAccount) {
  const code = codeAt(account, accountTime(account));
  if (!code) return showToast(t('code_unavailable'));
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    return showToast(t('copy_failed'));
  }
  showToast(t('copied'));
  // The background clears the clipboard after the user's chosen delay; a failure there is not worth a scare.
  void send('clipboard.scheduleClear', { text: code });
}

/**
 * Saves a change; resolves undefined when it did not happen. When another window saved first, the
 * list is fetched again, and the edit view starts over from it.
 */
export async function updateAccount(
  shell: Shell,
  account: StoredAccount,
  patch: AccountPatch,
): Promise<StoredAccount | undefined> {
  const result = await send('vault.update', { id: account.id, revision: account.revision, patch });
  if (result.ok) {
    shell.setAccounts((list) => list.map((entry) => (entry.id === result.value.id ? result.value : entry)));
    return result.value;
  }
  if (result.error.code === 'stale-revision' || result.error.code === 'not-found') {
    if (await shell.reload()) showToast(t('stale_reloaded'));
  } else shell.failed(result.error);
  return undefined;
}

/** HOTP: the next code, by moving the counter on. */
export const nextCode = (shell: Shell, account: StoredAccount) =>
  void updateAccount(shell, account, { counter: account.counter + 1 });

/** An account arrived (or came back): into the list, in place of any older copy. */
export const upsert = (shell: Shell, account: StoredAccount) =>
  shell.setAccounts((list) => [...list.filter((entry) => entry.id !== account.id), account]);
