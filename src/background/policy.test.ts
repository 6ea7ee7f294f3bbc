import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import type { StoredAccount } from '../core/account';
import type { BackgroundRouter } from '../messaging/router';
import { askPolicy } from './policy';
import { registerBackground } from './register';
import { rememberSecrets } from './seen-secrets';

/**
 * Every policy key the worker enforces, proven by sending the message as any extension page could,
 * with the policy in managed storage as Chromium puts it there. The UI hides what policy forbids;
 * these tests show that hiding is not what stops it.
 */
let router: BackgroundRouter;
// biome-ignore lint/suspicious/noExplicitAny: the router answers plain values; each test checks their shape.
const ask = async (name: string, request: unknown = {}): Promise<any> =>
  router.dispatch(wire(name, request), popup);
const refusedBy = (key: string) => ({ ok: false, error: { code: 'policy-forbidden', message: key } });

let secretCounter = 0;
function newAccount(overrides: Record<string, unknown> = {}) {
  secretCounter += 1;
  const secret = `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[secretCounter % 26]}${'A'.repeat(secretCounter)}`;
  return {
    type: 'totp',
    issuer: `Issuer ${secretCounter}`,
    label: 'me@school.test',
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

async function setPolicy(policy: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.managed.clear();
  if (Object.keys(policy).length > 0) await fakeBrowser.storage.managed.set(policy);
}

async function stored(): Promise<StoredAccount[]> {
  const listed = await ask('vault.list');
  if (!listed.ok) throw new Error(JSON.stringify(listed.error));
  return listed.value.accounts;
}

describe('organisation policy, enforced by the worker on direct messages', () => {
  beforeAll(() => {
    fakeBrowserForWorker();
    router = registerBackground(ID, ORIGIN);
  });
  beforeEach(() => setPolicy({}));

  it('disableManualEntry: a typed key is refused; a secret the worker read from a QR code is taken', async () => {
    await setPolicy({ disableManualEntry: true });
    const typed = newAccount();
    expect(await ask('vault.add', { account: typed })).toEqual(refusedBy('disableManualEntry'));
    expect((await stored()).some((a) => a.secret === typed.secret)).toBe(false);
    const scanned = newAccount();
    // What scan.ts does with every account code it decodes (spacing and case as a page shows them).
    await rememberSecrets([scanned.secret.toLowerCase().replace(/(.{4})/g, '$1 ')]);
    expect(await ask('vault.add', { account: scanned })).toMatchObject({ ok: true });
  });

  it('disableManualEntry: Undo of a removal still works, a made-up restore does not', async () => {
    const added = (await ask('vault.add', { account: newAccount() })).value as StoredAccount;
    await setPolicy({ disableManualEntry: true });
    const removed = await ask('vault.remove', { id: added.id });
    expect(removed).toMatchObject({ ok: true });
    expect(await ask('vault.restore', { account: removed.value })).toMatchObject({ ok: true });
    const invented = { ...removed.value, id: 'invented', secret: newAccount().secret };
    expect(await ask('vault.restore', { account: invented })).toEqual(refusedBy('disableManualEntry'));
  });

  it('allowedSites: accounts linked outside the list are refused, on add, edit, restore and import', async () => {
    await setPolicy({ allowedSites: ['school.nl'] });
    expect(
      await ask('vault.add', { account: newAccount({ sites: ['https://login.school.nl'] }) }),
    ).toMatchObject({
      ok: true,
    });
    expect(await ask('vault.add', { account: newAccount({ sites: ['school.nl.evil.com'] }) })).toEqual(
      refusedBy('allowedSites'),
    );
    const unlinked = (await ask('vault.add', { account: newAccount() })).value as StoredAccount;
    expect(
      await ask('vault.update', {
        id: unlinked.id,
        revision: unlinked.revision,
        patch: { sites: ['evil.com'] },
      }),
    ).toEqual(refusedBy('allowedSites'));
    expect(
      await ask('vault.update', {
        id: unlinked.id,
        revision: unlinked.revision,
        patch: { sites: ['mail.school.nl'] },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await ask('vault.restore', { account: { ...unlinked, id: 'other', sites: ['evil.com'] } }),
    ).toEqual(refusedBy('allowedSites'));
    const importing = [newAccount({ sites: ['school.nl'] }), newAccount({ sites: ['https://evil.com'] })];
    expect(await ask('import.commit', { accounts: importing })).toEqual(refusedBy('allowedSites'));
    expect((await stored()).some((a) => a.secret === importing[0]!.secret)).toBe(false);
  });

  it('allowedSites: a tab outside the list is not scanned', async () => {
    await setPolicy({ allowedSites: ['school.nl'] });
    const outside = await fakeBrowser.tabs.create({ url: 'https://phish.example/login' });
    expect(await ask('scan.tab', { tabId: outside.id, windowId: 0 })).toEqual(refusedBy('allowedSites'));
    expect(await ask('scan.selectArea', { tabId: outside.id, windowId: 0 })).toEqual(
      refusedBy('allowedSites'),
    );
    expect(
      await askPolicy('scan', {
        tabId: (await fakeBrowser.tabs.create({ url: 'https://www.school.nl/' })).id,
      }),
    ).toEqual({
      allowed: true,
    });
  });

  it('disableExport: no setup key, no backup, no plain export', async () => {
    const added = (await ask('vault.add', { account: newAccount() })).value as StoredAccount;
    await setPolicy({ disableExport: true });
    expect(await ask('vault.setupKey', { id: added.id })).toEqual(refusedBy('disableExport'));
    expect(await ask('backup.create', { password: 'paard batterij nietje' })).toEqual(
      refusedBy('disableExport'),
    );
    expect(await ask('backup.export', {})).toEqual(refusedBy('disableExport'));
    await setPolicy({});
    expect(await ask('vault.setupKey', { id: added.id })).toMatchObject({ ok: true });
  });

  it('disablePlainExport: only the encrypted backup is made', async () => {
    await ask('vault.add', { account: newAccount() });
    await setPolicy({ disablePlainExport: true });
    expect(await ask('backup.export', {})).toEqual(refusedBy('disablePlainExport'));
    expect(await ask('backup.create', { password: 'paard batterij nietje' })).toMatchObject({ ok: true });
  });

  it('disableImport: nothing is previewed or imported', async () => {
    await setPolicy({ disableImport: true });
    const accounts = [newAccount()];
    expect(await ask('import.preview', { accounts })).toEqual(refusedBy('disableImport'));
    expect(await ask('import.commit', { accounts })).toEqual(refusedBy('disableImport'));
    await setPolicy({});
    expect(await ask('import.commit', { accounts })).toMatchObject({ ok: true, value: { added: 1 } });
  });

  it('autoLockMinutes: the user may choose shorter, never longer or "never"; a longer choice is capped', async () => {
    expect(await ask('settings.set', { patch: { autoLockMinutes: 60 } })).toMatchObject({ ok: true });
    await setPolicy({ autoLockMinutes: 5 });
    expect((await ask('settings.get')).value.autoLockMinutes).toBe(5);
    expect(await ask('settings.set', { patch: { autoLockMinutes: 0 } })).toEqual(
      refusedBy('autoLockMinutes'),
    );
    expect(await ask('settings.set', { patch: { autoLockMinutes: 6 } })).toEqual(
      refusedBy('autoLockMinutes'),
    );
    expect(await ask('settings.set', { patch: { autoLockMinutes: 2 } })).toMatchObject({
      ok: true,
      value: { autoLockMinutes: 2 },
    });
    const alarm = await fakeBrowser.alarms.get('tweestap-autolock');
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Date.now() + 2 * 60_000 + 1000);
    // The user's own choice returns with the policy gone.
    await ask('settings.set', { patch: { autoLockMinutes: 5 } });
    await setPolicy({});
    expect((await ask('settings.get')).value.autoLockMinutes).toBe(5);
  });

  it('autoLockMinutes: an alarm set for longer is shortened as soon as the policy arrives', async () => {
    await ask('settings.set', { patch: { autoLockMinutes: 120 } });
    await setPolicy({ autoLockMinutes: 3 });
    // The worker re-arms the idle alarm when the policy changes; give its listener a turn.
    await expect
      .poll(async () => (await fakeBrowser.alarms.get('tweestap-autolock'))?.scheduledTime ?? Infinity)
      .toBeLessThanOrEqual(Date.now() + 3 * 60_000 + 1000);
  });

  it('clipboardClearSeconds: capped, and "never" or longer refused', async () => {
    await ask('settings.set', { patch: { clipboardClearSeconds: 0 } });
    await setPolicy({ clipboardClearSeconds: 20 });
    expect((await ask('settings.get')).value.clipboardClearSeconds).toBe(20);
    expect(await ask('settings.set', { patch: { clipboardClearSeconds: 0 } })).toEqual(
      refusedBy('clipboardClearSeconds'),
    );
    expect(await ask('settings.set', { patch: { clipboardClearSeconds: 45 } })).toEqual(
      refusedBy('clipboardClearSeconds'),
    );
    expect(await ask('settings.set', { patch: { clipboardClearSeconds: 10 } })).toMatchObject({ ok: true });
  });

  it('lockOnScreenLock: forced on; turning it off is refused; false leaves the choice', async () => {
    await ask('settings.set', { patch: { lockOnScreenLock: false } });
    await setPolicy({ lockOnScreenLock: true });
    expect((await ask('settings.get')).value.lockOnScreenLock).toBe(true);
    expect(await ask('settings.set', { patch: { lockOnScreenLock: false } })).toEqual(
      refusedBy('lockOnScreenLock'),
    );
    await setPolicy({ lockOnScreenLock: false });
    expect(await ask('settings.set', { patch: { lockOnScreenLock: false } })).toMatchObject({ ok: true });
  });

  it('autoSubmit: forced either way', async () => {
    await setPolicy({ autoSubmit: true });
    expect((await ask('settings.get')).value.autoSubmit).toBe(true);
    expect(await ask('settings.set', { patch: { autoSubmit: false } })).toEqual(refusedBy('autoSubmit'));
    await setPolicy({ autoSubmit: false });
    expect((await ask('settings.get')).value.autoSubmit).toBe(false);
    expect(await ask('settings.set', { patch: { autoSubmit: true } })).toEqual(refusedBy('autoSubmit'));
    // Other settings still change while one is forced.
    expect(await ask('settings.set', { patch: { autoSubmit: false, tourDone: true } })).toMatchObject({
      ok: true,
    });
  });

  it('disableSync: the sync question is refused (the sync messages ask it)', async () => {
    expect(await askPolicy('sync', {})).toEqual({ allowed: true });
    await setPolicy({ disableSync: true });
    expect(await askPolicy('sync', {})).toEqual({ allowed: false, key: 'disableSync' });
  });

  it('allowPasskeyUnlock: on unless set to false; then registering and unlocking with an authenticator are refused', async () => {
    expect(await askPolicy('authenticatorUnlock', {})).toEqual({ allowed: true });
    await setPolicy({ allowPasskeyUnlock: true });
    expect(await askPolicy('authenticatorUnlock', {})).toEqual({ allowed: true });
    await setPolicy({ allowPasskeyUnlock: false });
    expect(await askPolicy('authenticatorUnlock', {})).toEqual({ allowed: false, key: 'allowPasskeyUnlock' });
  });

  it('policy.get reports what is in force, the ignored values and the settings it controls', async () => {
    await setPolicy({
      autoLockMinutes: -5,
      clipboardClearSeconds: 20,
      helpUrl: 'https://help.school.nl/',
      supportContact: 'ICT desk, 010 123 4567',
      backupReminderDays: 14,
      passwordPattern: '(',
    });
    const answer = await ask('policy.get');
    expect(answer).toMatchObject({
      ok: true,
      value: {
        policy: {
          clipboardClearSeconds: 20,
          helpUrl: 'https://help.school.nl/',
          supportContact: 'ICT desk, 010 123 4567',
          backupReminderDays: 14,
        },
        locked: ['clipboardClearSeconds'],
        maximums: { clipboardClearSeconds: 20 },
      },
    });
    expect(answer.value.warnings.map((w: { key: string }) => w.key).sort()).toEqual([
      'autoLockMinutes',
      'passwordPattern',
    ]);
  });

  // Last: these set a password on the file's one vault.
  it('requirePassword: without a password nothing but setting one is allowed; nothing is deleted', async () => {
    const before = (await stored()).length;
    expect(before).toBeGreaterThan(0);
    await setPolicy({ requirePassword: true, passwordMinLength: 12, passwordPattern: '\\d' });
    expect(await ask('vault.status')).toMatchObject({
      ok: true,
      value: { hasPassword: false, passwordRequired: true },
    });
    expect(await ask('vault.list')).toEqual(refusedBy('requirePassword'));
    expect(await ask('vault.add', { account: newAccount() })).toEqual(refusedBy('requirePassword'));
    expect(await ask('backup.create', { password: 'paard batterij nietje 1' })).toEqual(
      refusedBy('requirePassword'),
    );
    // passwordMinLength and passwordPattern: the new password must follow the rules.
    expect(await ask('vault.setPassword', { newPassword: 'short1' })).toEqual(refusedBy('passwordMinLength'));
    expect(await ask('vault.setPassword', { newPassword: 'long enough but no digit' })).toEqual(
      refusedBy('passwordPattern'),
    );
    expect(await ask('vault.setPassword', { newPassword: 'long enough with 1 digit' })).toMatchObject({
      ok: true,
      value: { hasPassword: true },
    });
    expect((await ask('vault.status')).value.passwordRequired).toBeUndefined();
    expect((await stored()).length).toBe(before);
    expect(await ask('vault.removePassword', { currentPassword: 'long enough with 1 digit' })).toEqual(
      refusedBy('requirePassword'),
    );
  });
});
