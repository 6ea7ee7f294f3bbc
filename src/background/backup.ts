import type { NewAccount, StoredAccount } from '../core/account';
import { fail, ok, type Result } from '../core/errors';
import { backupFileName, createBackup } from '../core/formats/backup';
import type { ImportStep } from '../core/import-merge';
import type { ImportOutcome, ImportPreviewEntry, MergedField } from '../messaging/protocol';
import type { BackgroundRouter } from '../messaging/router';
import { writeSettings } from './settings';
import { accounts, touching } from './vault-service';

/** The accounts as they are stored, or `locked`; damaged records cannot be read, so they are not in it. */
async function readable(): Promise<Result<StoredAccount[]>> {
  const listed = await accounts.list();
  return listed.ok ? ok(listed.value.accounts) : listed;
}

async function create(password: string): Promise<Result<{ fileName: string; text: string; count: number }>> {
  if (password === '') return fail('invalid-input', { message: 'A backup needs a password.' });
  const stored = await readable();
  if (!stored.ok) return stored;
  const text = await createBackup(stored.value, password);
  // Made, not yet saved: the page starts the download as soon as it has the text.
  await writeSettings({ lastBackupAt: Date.now() });
  return ok({ fileName: backupFileName(new Date()), text, count: stored.value.length });
}

async function exportAccounts(ids: string[] | undefined): Promise<Result<{ accounts: StoredAccount[] }>> {
  const stored = await readable();
  if (!stored.ok || ids === undefined) return stored.ok ? ok({ accounts: stored.value }) : stored;
  const byId = new Map(stored.value.map((account) => [account.id, account]));
  const chosen: StoredAccount[] = [];
  for (const id of ids) {
    const account = byId.get(id);
    if (!account) return fail('not-found', { id });
    chosen.push(account);
  }
  return ok({ accounts: chosen });
}

function entryOf(step: ImportStep): ImportPreviewEntry {
  if (step.status === 'new') return { status: 'new' };
  if (step.status === 'same')
    return step.existingId ? { status: 'same', existingId: step.existingId } : { status: 'same' };
  return { status: 'changed', existingId: step.existingId, merges: Object.keys(step.patch) as MergedField[] };
}

async function preview(incoming: NewAccount[]): Promise<Result<{ entries: ImportPreviewEntry[] }>> {
  const plan = await accounts.planImport(incoming);
  return plan.ok ? ok({ entries: plan.value.steps.map(entryOf) }) : plan;
}

async function commit(incoming: NewAccount[]): Promise<Result<ImportOutcome>> {
  const done = await accounts.importMany(incoming);
  if (!done.ok) return done;
  const { steps } = done.value.plan;
  return ok({
    added: done.value.added.length,
    merged: done.value.updated.length,
    unchanged: steps.filter((step) => step.status === 'same').length,
  });
}

/**
 * Backups and imports. Every handler here reads or writes accounts, so each restarts the idle
 * clock; the store answers `locked` while the vault is. Files to import are opened and read in the
 * options page (src/core/formats/importers.ts); only their accounts come here.
 */
export function registerBackupHandlers(router: BackgroundRouter): void {
  router.on('backup.create', ({ password }) => touching(create(password)));
  router.on('backup.export', ({ ids }) => touching(exportAccounts(ids)));
  router.on('import.preview', ({ accounts: incoming }) => touching(preview(incoming)));
  router.on('import.commit', ({ accounts: incoming }) => touching(commit(incoming)));
}
