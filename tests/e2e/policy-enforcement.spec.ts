import type { Page } from '@playwright/test';
import { parsePolicy } from '../../src/core/policy/parse';
import { sendFromPage } from './helpers';
import { expect, test } from './policy-fixtures';

/**
 * A real policy file in Chromium's policy directory, read through the managed schema generated from
 * src/core/policy/keys.ts, and enforced by the worker on messages sent directly, as any extension page
 * (or DevTools) could send them, with no UI in between.
 */
const START = { autoLockMinutes: 5, allowedSites: ['school.nl'], passwordPattern: '(' };

const refusedBy = (key: string) => ({ ok: false, error: { code: 'policy-forbidden', message: key } });

async function ask(page: Page, name: string, request: unknown = {}): Promise<unknown> {
  return sendFromPage(page, name as never, request as never);
}

const account = (issuer: string, secret: string, sites: string[]) => ({
  type: 'totp',
  issuer,
  label: 'juf@school.nl',
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  sites,
});

test.use({ policy: START });

test('the policy file reaches the worker, is enforced, and a change applies while the browser runs', async ({
  context,
  extensionId,
  setPolicy,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);

  // Chromium passed every value through the generated schema; our parser flags the bad pattern.
  const managed = await page.evaluate(() => chrome.storage.managed.get());
  expect(parsePolicy(managed).policy).toEqual({ autoLockMinutes: 5, allowedSites: ['school.nl'] });
  expect(await ask(page, 'policy.get')).toMatchObject({
    ok: true,
    value: {
      policy: { autoLockMinutes: 5, allowedSites: ['school.nl'] },
      warnings: [{ key: 'passwordPattern' }],
      locked: ['autoLockMinutes'],
    },
  });

  expect(
    await ask(page, 'vault.add', { account: account('School', 'JBSWY3DPEHPK3PXP', ['school.nl']) }),
  ).toMatchObject({ ok: true });
  expect(
    await ask(page, 'vault.add', { account: account('Phish', 'GEZDGNBVGY3TQOJQ', ['schooI.nl']) }),
  ).toEqual(refusedBy('allowedSites'));
  expect(await ask(page, 'settings.set', { patch: { autoLockMinutes: 0 } })).toEqual(
    refusedBy('autoLockMinutes'),
  );
  expect(await ask(page, 'settings.get')).toMatchObject({ ok: true, value: { autoLockMinutes: 5 } });

  // The admin tightens the policy; the running browser applies it without a restart.
  await setPolicy({ requirePassword: true, passwordMinLength: 12, disableExport: true });
  expect(await ask(page, 'vault.status')).toMatchObject({ ok: true, value: { passwordRequired: true } });
  expect(await ask(page, 'vault.list')).toEqual(refusedBy('requirePassword'));
  expect(await ask(page, 'vault.setPassword', { newPassword: 'te kort' })).toEqual(
    refusedBy('passwordMinLength'),
  );
  expect(await ask(page, 'vault.setPassword', { newPassword: 'lang genoeg wachtwoord' })).toMatchObject({
    ok: true,
    value: { hasPassword: true },
  });
  const listed = (await ask(page, 'vault.list')) as { ok: boolean; value: { accounts: { id: string }[] } };
  expect(listed.value.accounts).toHaveLength(1);
  expect(await ask(page, 'vault.setupKey', { id: listed.value.accounts[0]!.id })).toEqual(
    refusedBy('disableExport'),
  );
  expect(await ask(page, 'backup.create', { password: 'lang genoeg wachtwoord' })).toEqual(
    refusedBy('disableExport'),
  );
  expect(await ask(page, 'vault.removePassword', { currentPassword: 'lang genoeg wachtwoord' })).toEqual(
    refusedBy('requirePassword'),
  );
  // The limit is gone with the key: "never" is the user's to choose again.
  expect(await ask(page, 'settings.set', { patch: { autoLockMinutes: 0 } })).toMatchObject({ ok: true });
});
