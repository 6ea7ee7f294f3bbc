import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import type { StoredAccount } from '../core/account';
import { openBackup } from '../core/formats/backup';
import type { BackgroundRouter } from '../messaging/router';
import { registerBackground } from './register';

let router: BackgroundRouter;
// biome-ignore lint/suspicious/noExplicitAny: the router answers plain values; each test checks their shape.
const ask = async (name: string, request: unknown = {}): Promise<any> =>
  router.dispatch(wire(name, request), popup);
const value = async (name: string, request: unknown = {}) => {
  const result = await ask(name, request);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
};

const account = (issuer: string, secret: string) => ({
  type: 'totp',
  issuer,
  label: `${issuer.toLowerCase()}@school.test`,
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  sites: [`${issuer.toLowerCase()}.test`],
  notes: `Desk drawer of ${issuer}`,
  recoveryCodes: [{ code: `${issuer}-RC1`, used: false }],
});

describe('the backup handlers, through the real router, store and vault', () => {
  let stored: StoredAccount[];
  let text: string;

  beforeAll(async () => {
    fakeBrowserForWorker();
    router = registerBackground(ID, ORIGIN);
    await value('vault.add', { account: account('Alpha', 'JBSWY3DPEHPK3PXQ') });
    await value('vault.add', { account: account('Bravo', 'GEZDGNBVGY3TQOJR') });
    stored = (await value('vault.list')).accounts;
  });

  it('makes a backup that names no secret or name, and notes when it was made', async () => {
    const before = Date.now();
    const made = await value('backup.create', { password: 'paard batterij nietje' });
    text = made.text;
    expect(made.count).toBe(2);
    expect(made.fileName).toMatch(/^tweestap-backup-\d{4}-\d{2}-\d{2}\.tweestap$/);
    for (const a of stored)
      for (const field of [a.secret, a.issuer, a.label, a.notes, a.sites[0]!])
        expect(text).not.toContain(field);
    expect((await value('settings.get')).lastBackupAt).toBeGreaterThanOrEqual(before);
    expect(await ask('backup.create', { password: '' })).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it('opens no file: the options page reads backups itself, and only accounts reach the worker', async () => {
    expect(await ask('backup.open', { text, password: 'paard batterij nietje' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-message' },
    });
    const opened = await openBackup(text, 'paard batterij nietje');
    expect(opened.map((a) => a.secret)).toEqual(stored.map((a) => a.secret));
    expect(opened[0]).toMatchObject({ notes: 'Desk drawer of Alpha', sites: ['alpha.test'] });
  });

  it('previews and imports: what is stored is already here, a removed account comes back once', async () => {
    const opened = await openBackup(text, 'paard batterij nietje');
    expect((await value('import.preview', { accounts: opened })).entries).toEqual([
      { status: 'same', existingId: stored[0]!.id },
      { status: 'same', existingId: stored[1]!.id },
    ]);
    await value('vault.remove', { id: stored[1]!.id });
    const alpha = stored[0]!;
    await value('vault.update', { id: alpha.id, revision: alpha.revision, patch: { sites: [] } });
    expect((await value('import.preview', { accounts: opened })).entries).toEqual([
      { status: 'changed', existingId: alpha.id, merges: ['sites'] },
      { status: 'new' },
    ]);
    expect(await value('import.commit', { accounts: opened })).toEqual({ added: 1, merged: 1, unchanged: 0 });
    expect(await value('import.commit', { accounts: opened })).toEqual({ added: 0, merged: 0, unchanged: 2 });
    const after = (await value('vault.list')).accounts as StoredAccount[];
    // A restored account goes to the end of the list: its place number is new, its place is not.
    const strip = ({ id, revision, updatedAt, order, ...rest }: StoredAccount) => rest;
    expect(after.map(strip)).toEqual(stored.map(strip));
  });

  it('exports the accounts asked for, in that order', async () => {
    const all = (await value('vault.list')).accounts as StoredAccount[];
    expect((await value('backup.export', {})).accounts).toEqual(all);
    const reversed = all.map((a) => a.id).reverse();
    expect(
      (await value('backup.export', { ids: reversed })).accounts.map((a: StoredAccount) => a.id),
    ).toEqual(reversed);
    expect(await ask('backup.export', { ids: ['nope'] })).toMatchObject({
      error: { code: 'not-found', id: 'nope' },
    });
  });

  it('answers locked while the vault is locked, and imports nothing', async () => {
    const opened = await openBackup(text, 'paard batterij nietje');
    await value('vault.setPassword', { newPassword: 'correct horse battery' });
    await value('vault.lock');
    for (const [name, request] of [
      ['backup.create', { password: 'x' }],
      ['backup.export', {}],
      ['import.preview', { accounts: opened }],
      ['import.commit', { accounts: opened }],
    ] as const)
      expect(await ask(name, request), name).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
