import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowserForWorker } from '../../../tests/support/fake-browser';
import { ID, ORIGIN, popup, wire } from '../../../tests/support/senders';
import { randomBase32 } from '../../../tests/support/vault-testing';
import { registerBackground } from '../../background/register';
import { LOCK_AT_KEY, SESSION_KEY } from '../../vault/session-keys';
import { localPageSite, quickList } from './quick-list';

vi.mock('../../background/policy', async (original) => ({
  ...(await original<typeof import('../../background/policy')>()),
  askPolicy: vi.fn(async () => ({ allowed: true })),
}));

const PASSWORD = 'correct horse battery staple';
type Router = ReturnType<typeof registerBackground>;
type Answer = { ok: boolean; value?: unknown; error?: { code: string } };
const ask = (router: Router, name: string, request: object = {}) =>
  router.dispatch(wire(name as never, request as never), popup) as Promise<Answer>;

const account = (n: number, sites: string[] = []) => ({
  account: {
    type: 'totp',
    issuer: `Issuer ${n}`,
    label: `user${n}@school.test`,
    secret: randomBase32(),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites,
  },
});

describe('the popup reads the list itself while the worker starts', () => {
  let fake: ReturnType<typeof fakeBrowserForWorker>;
  let router: Router;
  beforeAll(() => {
    fake = fakeBrowserForWorker();
    router = registerBackground(ID, ORIGIN);
  });

  it('has nothing before the worker has made the vault, and then the very list the worker gives', async () => {
    expect(await quickList()).toBeUndefined();
    for (const n of [1, 2, 3])
      expect((await ask(router, 'vault.add', account(n, ['school.test']))).ok).toBe(true);
    const fromWorker = await ask(router, 'vault.list');
    // The store writes its snapshot just after a burst of writes.
    await vi.waitFor(async () => expect(await quickList()).toBeDefined());
    const worker = fromWorker.value as {
      accounts: { id: string }[];
      damaged: string[];
      clockOffsets: object;
    };
    const { list } = (await quickList())!;
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...list.accounts].sort(byId)).toEqual([...worker.accounts].sort(byId));
    expect(list.damaged).toEqual(worker.damaged);
    expect(list.clockOffsets).toEqual(worker.clockOffsets);
  });

  it('refuses while a password vault is locked, or once auto-lock is due, and reads while unlocked', async () => {
    expect((await ask(router, 'vault.setPassword', { newPassword: PASSWORD })).ok).toBe(true);
    expect((await ask(router, 'vault.list')).ok).toBe(true);
    expect((await fake.storage.session.get(SESSION_KEY))[SESSION_KEY]).toBeTypeOf('string');
    await vi.waitFor(async () => expect((await quickList())?.list.accounts).toHaveLength(3));

    await fake.storage.session.set({ [LOCK_AT_KEY]: Date.now() - 1 });
    expect(await quickList(), 'an auto-lock the alarm has not yet carried out').toBeUndefined();
    await fake.storage.session.remove(LOCK_AT_KEY);

    expect((await ask(router, 'vault.lock')).ok).toBe(true);
    expect(await quickList()).toBeUndefined();
    expect((await ask(router, 'vault.unlock', { password: PASSWORD })).ok).toBe(true);
    expect((await quickList())?.list.accounts).toHaveLength(3);
    expect((await ask(router, 'vault.removePassword', { currentPassword: PASSWORD })).ok).toBe(true);
  });

  it('leaves it to the worker when the organisation requires a password the vault lacks', async () => {
    expect((await quickList())?.list.accounts).toHaveLength(3);
    await fake.storage.managed.set({ requirePassword: true });
    expect(await quickList()).toBeUndefined();
    await fake.storage.managed.clear();
  });

  it('has no snapshot right after a write until the store wrote a new one, never a stale one', async () => {
    const listed = (await ask(router, 'vault.list')).value as {
      accounts: { id: string; revision: number }[];
    };
    const [first] = listed.accounts;
    expect((await ask(router, 'vault.remove', { id: first!.id, revision: first!.revision })).ok).toBe(true);
    const read = await quickList();
    if (read) expect(read.list.accounts.map((a) => a.id)).not.toContain(first!.id);
    await vi.waitFor(async () => expect((await quickList())?.list.accounts).toHaveLength(2));
  });
});

describe('"This site" without the Public Suffix List', () => {
  const accounts = [{ sites: ['https://portal.school.test'] }, { sites: ['school.test'] }];

  it('works it out when no account names a parent of the host', () => {
    expect(localPageSite('https://portal.school.test/login', [accounts[0]!], {})).toEqual({
      origin: 'https://portal.school.test',
      host: 'portal.school.test',
      domain: 'portal.school.test',
    });
    expect(localPageSite('https://school.test/', accounts, {})?.host).toBe('school.test');
  });

  it('asks the worker when an account names a parent domain, unless the worker already said', () => {
    expect(localPageSite('https://login.school.test/', accounts, {})).toBeUndefined();
    expect(
      localPageSite('https://login.school.test/', accounts, { 'login.school.test': 'school.test' }),
    ).toEqual({
      origin: 'https://login.school.test',
      host: 'login.school.test',
      domain: 'school.test',
    });
  });
});
