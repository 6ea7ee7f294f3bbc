import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { contentScript, ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import { parseOtpauthUri } from '../core/otp';
import { askPolicy } from './policy';
import { registerBackground } from './register';

// Only the gate is replaced: the rest of the policy module (reading managed storage) stays real.
vi.mock('./policy', async (original) => ({
  ...(await original<typeof import('./policy')>()),
  askPolicy: vi.fn(async () => ({ allowed: true })),
}));

const PASSWORD = 'correct horse battery staple';

type Router = ReturnType<typeof registerBackground>;

async function add(router: Router, account: Record<string, unknown>): Promise<string> {
  const added = (await router.dispatch(
    wire('vault.add', {
      account: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, ...account },
    }),
    popup,
  )) as { ok: boolean; value: { id: string } };
  expect(added.ok).toBe(true);
  return added.value.id;
}

const setupKey = (router: Router, id: string, sender = popup) =>
  router.dispatch(wire('vault.setupKey', { id }), sender) as Promise<{
    ok: boolean;
    value?: { uri: string };
    error?: { code: string; message?: string };
  }>;

describe('vault.setupKey: the setup link of one account, for "Set up another device"', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
  });

  it('gives a link that parses back to the stored account, TOTP and HOTP alike', async () => {
    const router = registerBackground(ID, ORIGIN);
    const totp = {
      issuer: 'Säker & Co',
      label: 'ann@school.test',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    };
    const hotp = { type: 'hotp', issuer: '', label: 'teller:7', secret: 'JBSWY3DPEHPK3PXQ', counter: 41 };
    for (const account of [totp, hotp]) {
      const answer = await setupKey(router, await add(router, account));
      expect(answer.ok).toBe(true);
      expect(parseOtpauthUri(answer.value!.uri)).toMatchObject(account);
    }
  });

  it('says not-found for an id it does not hold', async () => {
    const router = registerBackground(ID, ORIGIN);
    expect(await setupKey(router, 'no-such-id')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('is refused while locked, and only from extension pages', async () => {
    const router = registerBackground(ID, ORIGIN);
    const id = await add(router, { issuer: 'Locked', label: 'me', secret: 'JBSWY3DPEHPK3PXR' });
    expect(await setupKey(router, id, contentScript)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
    await router.dispatch(wire('vault.setPassword', { newPassword: PASSWORD }), popup);
    await router.dispatch(wire('vault.lock'), popup);
    const refused = await setupKey(router, id);
    expect(refused).toEqual({ ok: false, error: { code: 'locked' } });
    await router.dispatch(wire('vault.unlock', { password: PASSWORD }), popup);
    expect((await setupKey(router, id)).ok).toBe(true);
  });

  it('asks the policy question showSetupKey, and a refusal carries no secret', async () => {
    const router = registerBackground(ID, ORIGIN);
    const secret = 'JBSWY3DPEHPK3PXS';
    const id = await add(router, { issuer: 'Forbidden', label: 'me', secret });
    vi.mocked(askPolicy).mockImplementation(async (question) =>
      question === 'showSetupKey' ? { allowed: false, key: 'disableSetupKey' } : { allowed: true },
    );
    try {
      const refused = await setupKey(router, id);
      expect(refused).toMatchObject({ ok: false, error: { code: 'policy-forbidden' } });
      expect(JSON.stringify(refused)).not.toContain(secret);
      expect(askPolicy).toHaveBeenCalledWith('showSetupKey', { id });
    } finally {
      vi.mocked(askPolicy).mockImplementation(async () => ({ allowed: true }));
    }
  });
});
