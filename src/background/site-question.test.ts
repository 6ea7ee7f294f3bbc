import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import { registerBackground } from './register';
import { rememberSiteQuestion } from './site-question';

const SITE = 'https://look-alike.test';

async function addAccount(router: ReturnType<typeof registerBackground>, secret: string, sites: string[]) {
  const account = { type: 'totp', issuer: 'Framed', label: secret, secret, algorithm: 'SHA1', digits: 6 };
  const added = (await router.dispatch(
    wire('vault.add', { account: { ...account, period: 30, counter: 0, sites } }),
    popup,
  )) as { value: { id: string; revision: number } };
  return added.value;
}

const ask = (router: ReturnType<typeof registerBackground>) =>
  router.dispatch(wire('scan.siteQuestion'), popup);

describe('the site question "Select the area" leaves for the popup', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
  });

  it('is asked once, oldest first', async () => {
    const router = registerBackground(ID, ORIGIN);
    const first = await addAccount(router, 'JBSWY3DPEHPK3PXA', []);
    const second = await addAccount(router, 'JBSWY3DPEHPK3PXB', []);
    await rememberSiteQuestion({ id: first.id, site: SITE });
    await rememberSiteQuestion({ id: second.id, site: SITE });
    expect(await ask(router)).toEqual({ ok: true, value: { id: first.id, site: SITE } });
    expect(await ask(router)).toEqual({ ok: true, value: { id: second.id, site: SITE } });
    expect(await ask(router)).toEqual({ ok: true, value: null });
  });

  it('is dropped once the account has a site, or is gone', async () => {
    const router = registerBackground(ID, ORIGIN);
    const linked = await addAccount(router, 'JBSWY3DPEHPK3PXC', []);
    const removed = await addAccount(router, 'JBSWY3DPEHPK3PXD', []);
    await rememberSiteQuestion({ id: linked.id, site: SITE });
    await rememberSiteQuestion({ id: removed.id, site: SITE });
    await router.dispatch(
      wire('vault.update', { id: linked.id, revision: linked.revision, patch: { sites: [SITE] } }),
      popup,
    );
    await router.dispatch(wire('vault.remove', { id: removed.id }), popup);
    expect(await ask(router)).toEqual({ ok: true, value: null });
  });

  it('is kept while the vault is locked', async () => {
    const router = registerBackground(ID, ORIGIN);
    const account = await addAccount(router, 'JBSWY3DPEHPK3PXE', []);
    await rememberSiteQuestion({ id: account.id, site: SITE });
    await router.dispatch(wire('vault.setPassword', { newPassword: 'correct horse battery staple' }), popup);
    await router.dispatch(wire('vault.lock'), popup);
    expect(await ask(router)).toEqual({ ok: true, value: null });
    await router.dispatch(wire('vault.unlock', { password: 'correct horse battery staple' }), popup);
    expect(await ask(router)).toEqual({ ok: true, value: { id: account.id, site: SITE } });
  });
});
