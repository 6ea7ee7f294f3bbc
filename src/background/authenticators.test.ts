import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { contentScript, ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import { registerBackground } from './register';

const PASSWORD = 'correct horse battery staple';
const PRF = Buffer.alloc(32, 0x42).toString('base64url');
const OTHER_PRF = Buffer.alloc(32, 0x43).toString('base64url');
const CREDENTIAL = Buffer.from([1, 2, 3, 4]).toString('base64url');

type Answer = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
type Router = ReturnType<typeof registerBackground>;
const ask = (router: Router, name: string, request: object, sender = popup) =>
  router.dispatch(wire(name as never, request as never), sender) as Promise<Answer>;

describe('the authenticator messages', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
  });

  it('register with a PRF answer, then unlock with the same answer and not with another', async () => {
    const router = registerBackground(ID, ORIGIN);
    expect((await ask(router, 'vault.setPassword', { newPassword: PASSWORD })).ok).toBe(true);
    const salt = await ask(router, 'vault.authenticatorSalt', {});
    expect(String(salt.value?.prfSalt)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const added = await ask(router, 'vault.addAuthenticator', {
      credentialId: CREDENTIAL,
      name: 'Windows Hello',
      transports: ['internal'],
      prf: PRF,
    });
    expect(added.value).toMatchObject({ credentialId: CREDENTIAL, name: 'Windows Hello' });
    const listed = await ask(router, 'vault.authenticators', {});
    expect(listed.value).toMatchObject({
      prfSalt: salt.value?.prfSalt,
      authenticators: [{ credentialId: CREDENTIAL }],
    });

    await ask(router, 'vault.lock', {});
    expect(
      (await ask(router, 'vault.unlockWithAuthenticator', { credentialId: CREDENTIAL, prf: OTHER_PRF })).error
        ?.code,
    ).toBe('wrong-authenticator');
    expect((await ask(router, 'vault.status', {})).value).toMatchObject({ state: 'locked' });
    const unlocked = await ask(router, 'vault.unlockWithAuthenticator', {
      credentialId: CREDENTIAL,
      prf: PRF,
    });
    expect(unlocked.value).toMatchObject({ state: 'unlocked', hasPassword: true });
  });

  it('refuse a web page, and a PRF answer that is not 32 bytes of base64url', async () => {
    const router = registerBackground(ID, ORIGIN);
    await ask(router, 'vault.setPassword', { newPassword: PASSWORD });
    const before = (await ask(router, 'vault.authenticators', {})).value?.authenticators;
    const fromPage = await ask(
      router,
      'vault.unlockWithAuthenticator',
      { credentialId: CREDENTIAL, prf: PRF },
      contentScript,
    );
    expect(fromPage.ok).toBe(false);
    const short = await ask(router, 'vault.addAuthenticator', {
      credentialId: CREDENTIAL,
      name: 'Key',
      transports: [],
      prf: Buffer.alloc(16).toString('base64url'),
    });
    expect(short.ok).toBe(false);
    expect(short.error?.code).toBe('bad-request');
    expect((await ask(router, 'vault.authenticators', {})).value?.authenticators).toEqual(before);
  });
});
