import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowserForWorker } from '../../tests/support/fake-browser';
import { contentScript, ID, ORIGIN, popup, wire } from '../../tests/support/senders';
import { BACKGROUND_MESSAGES, MESSAGES, OFFSCREEN_MESSAGES } from '../messaging/protocol';
import { askPolicy } from './policy';
import { registerBackground } from './register';

// Only the gate is replaced: the rest of the policy module (reading managed storage) stays real.
vi.mock('./policy', async (original) => ({
  ...(await original<typeof import('./policy')>()),
  askPolicy: vi.fn(async () => ({ allowed: true })),
}));

const page = contentScript;
const send = wire;

describe('the background worker, wired as the browser runs it', () => {
  beforeEach(() => {
    fakeBrowserForWorker();
  });

  it('registers a handler for every background message, and only for those', () => {
    const router = registerBackground(ID, ORIGIN);
    expect(router.registered().sort()).toEqual(Object.keys(BACKGROUND_MESSAGES).sort());
  });

  it('answers the popup through the real vault and store', async () => {
    const router = registerBackground(ID, ORIGIN);
    const account = {
      type: 'totp',
      issuer: 'Routed',
      label: 'me',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    };
    expect(await router.dispatch(send('vault.add', { account }), popup)).toMatchObject({ ok: true });
    expect(await router.dispatch(send('vault.add', { account }), popup)).toMatchObject({
      error: { code: 'duplicate' },
    });
    expect(await router.dispatch(send('vault.list'), popup)).toMatchObject({
      ok: true,
      value: { accounts: [{ issuer: 'Routed' }] },
    });
  });

  it('asks the policy before a guarded handler, and a refusal leaves the vault untouched', async () => {
    const router = registerBackground(ID, ORIGIN);
    vi.mocked(askPolicy).mockImplementation(async (question) =>
      question === 'addAccount' ? { allowed: false, key: 'disableManualEntry' } : { allowed: true },
    );
    try {
      const account = {
        type: 'totp',
        issuer: 'Forbidden',
        label: 'me',
        secret: 'GEZDGNBVGY3TQOJQ',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      };
      expect(await router.dispatch(send('vault.add', { account }), popup)).toEqual({
        ok: false,
        error: { code: 'policy-forbidden', message: 'disableManualEntry' },
      });
      expect(askPolicy).toHaveBeenCalledWith('addAccount', { account });
      const listed = await router.dispatch(send('vault.list'), popup);
      expect(JSON.stringify(listed)).not.toContain('Forbidden');
    } finally {
      vi.mocked(askPolicy).mockImplementation(async () => ({ allowed: true }));
    }
  });

  it('refuses a web page before any handler runs, and leaves offscreen messages unanswered', async () => {
    const router = registerBackground(ID, ORIGIN);
    const fromPages = Object.entries(BACKGROUND_MESSAGES).filter(
      ([, spec]) => spec.from === 'content-script',
    );
    // The one answer a page script may give; it carries no origin, since the browser reports that.
    expect(fromPages.map(([name]) => name)).toEqual(['fill.probed']);
    for (const [name, spec] of Object.entries(BACKGROUND_MESSAGES)) {
      if (spec.from === 'content-script') continue;
      expect(await router.dispatch(send(name), page), name).toMatchObject({
        error: { code: 'forbidden-sender' },
      });
    }
    expect(
      await router.dispatch(
        send('fill.probed', { probeId: 'a'.repeat(32), hasField: true, focused: true }),
        popup,
      ),
    ).toMatchObject({ error: { code: 'forbidden-sender' } });
    for (const name of Object.keys(OFFSCREEN_MESSAGES)) expect(router.serves(send(name))).toBe(false);
  });
});

describe('repo rules for the protocol', () => {
  const root = join(import.meta.dirname, '..');
  const sources = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sources(join(dir, entry.name))
        : /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
          ? [join(dir, entry.name)]
          : [],
    );

  it('every message declares who may call it, and a policy question only from the known list', async () => {
    const { POLICY_QUESTIONS } = await import('../core/policy/questions');
    for (const [name, spec] of Object.entries(MESSAGES)) {
      expect(['extension-page', 'worker', 'content-script'], name).toContain(spec.from);
      if ('policy' in spec && spec.policy !== undefined)
        expect(POLICY_QUESTIONS, name).toContain(spec.policy);
      expect(name, 'slice names are <capability>.<verb>').toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
  });

  it('messages are declared only in slices, and handled only by background capabilities or the offscreen page', () => {
    const declaring = [...sources('.'), ...sources('../entrypoints')].filter((file) =>
      /=\s*message<|message<[^>]*>\(\)\(/.test(readFileSync(join(root, file), 'utf8')),
    );
    const outside = declaring.filter((file) => !file.startsWith('messaging/messages/'));
    // spec.ts defines `message` itself (its doc comment shows a use).
    expect(outside.filter((file) => file !== 'messaging/spec.ts')).toEqual([]);
    const handling = [...sources('.'), ...sources('../entrypoints')].filter((file) =>
      /\brouter\.on\(/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(
      handling.filter(
        (file) => !file.startsWith('background/') && file !== '../entrypoints/offscreen/main.ts',
      ),
    ).toEqual([]);
  });
});
