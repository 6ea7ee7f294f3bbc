import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { contentScript, ID, ORIGIN, popup, wire, worker } from '../../tests/support/senders';
import { ok } from '../core/errors';
import { classifySender, Router } from './router';
import { message } from './spec';

const SPECS = {
  'test.list': message<string[]>()({ from: 'extension-page', request: v.object({}) }),
  'test.add': message<string>()({
    from: 'extension-page',
    policy: 'addAccount',
    request: v.object({ name: v.pipe(v.string(), v.maxLength(10)), count: v.optional(v.number()) }),
  }),
  'test.boom': message<null>()({ from: 'extension-page', request: v.object({}) }),
  'test.fromWorker': message<true>()({ from: 'worker', request: v.object({}) }),
};
const ELSEWHERE = { 'other.thing': message<null>()({ from: 'extension-page', request: v.object({}) }) };

function router(policy = vi.fn(() => ({ allowed: true as const }))) {
  const r = new Router(SPECS, ID, ORIGIN, policy, ELSEWHERE);
  r.on('test.list', () => ok(['a']));
  r.on('test.add', (request) => ok(`${request.name}:${request.count ?? 0}`));
  r.on('test.boom', () => {
    throw new Error('boom');
  });
  r.on('test.fromWorker', () => ok(true));
  return r;
}

const envelope = wire;

describe('Router sender checks', () => {
  it('answers an extension page', async () => {
    expect(await router().dispatch(envelope('test.list'), popup)).toEqual({ ok: true, value: ['a'] });
  });

  it('refuses a content script asking for an extension-page message', async () => {
    const result = await router().dispatch(envelope('test.list'), contentScript);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('tells the worker from a page: a worker-only message refuses the popup and answers the worker', async () => {
    expect(await router().dispatch(envelope('test.fromWorker'), popup)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
    expect(await router().dispatch(envelope('test.fromWorker'), worker)).toEqual({ ok: true, value: true });
    // The worker's URL inside a tab is a page that loaded background.js, not the worker.
    expect(classifySender({ ...worker, tab: { id: 3 } }, ID, ORIGIN)).toMatchObject({
      kind: 'extension-page',
    });
  });

  it('refuses another extension, even with an extension URL', async () => {
    const other = { ...popup, id: 'abcdefghijklmnopabcdefghijklmnop' };
    expect(await router().dispatch(envelope('test.list'), other)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
  });

  it('refuses a page that merely puts the extension origin in its path', async () => {
    const spoof = {
      ...contentScript,
      url: `https://evil.example/${ORIGIN}/popup.html`,
      origin: 'https://evil.example',
    };
    expect(await router().dispatch(envelope('test.list'), spoof)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
  });

  it('reports unknown messages and non-envelopes as typed errors', async () => {
    expect(await router().dispatch(envelope('vault.nope'), popup)).toMatchObject({
      error: { code: 'unknown-message' },
    });
    expect(await router().dispatch('hello', popup)).toMatchObject({ error: { code: 'bad-request' } });
  });

  it('turns a thrown handler error into an internal error value', async () => {
    expect(await router().dispatch(envelope('test.boom'), popup)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('rejects registering a name twice, or one no slice declares', () => {
    const r = router();
    expect(() => r.on('test.list', () => ok([]))).toThrow(/twice/);
    const untyped = r as unknown as { on(name: string, handle: () => unknown): void };
    expect(() => untyped.on('test.nope', () => ok(null))).toThrow(/no slice/);
  });
});

describe('Router request checks', () => {
  it('hands the handler the parsed request, with unknown fields dropped', async () => {
    const result = await router().dispatch(envelope('test.add', { name: 'x', count: 2, extra: 'no' }), popup);
    expect(result).toEqual({ ok: true, value: 'x:2' });
  });

  it.each([
    ['a missing field', {}],
    ['a wrong type', { name: 42 }],
    ['a value out of bounds', { name: 'much too long a name' }],
    ['an optional field of the wrong type', { name: 'x', count: '2' }],
  ])('refuses %s with bad-request, naming the field, before the handler runs', async (_case, request) => {
    const result = await router().dispatch(envelope('test.add', request), popup);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.stringify(result)).toMatch(/test\.add/);
  });

  it('refuses a request that is not an object', async () => {
    for (const request of [null, 'text', 5])
      expect(await router().dispatch(envelope('test.add', request), popup)).toMatchObject({
        error: { code: 'bad-request' },
      });
  });
});

describe('Router policy guard', () => {
  it('asks the slice’s policy question with the parsed request, and runs the handler when allowed', async () => {
    const policy = vi.fn(() => ({ allowed: true as const }));
    expect(await router(policy).dispatch(envelope('test.add', { name: 'x' }), popup)).toMatchObject({
      ok: true,
    });
    expect(policy).toHaveBeenCalledWith('addAccount', { name: 'x' });
  });

  it('refuses with policy-forbidden naming the key, and the handler never runs', async () => {
    const policy = vi.fn(() => ({ allowed: false as const, key: 'disableManualEntry' }));
    const r = new Router(SPECS, ID, ORIGIN, policy);
    const handler = vi.fn(() => ok('ran'));
    r.on('test.add', handler);
    const result = await r.dispatch(envelope('test.add', { name: 'x' }), popup);
    expect(result).toEqual({ ok: false, error: { code: 'policy-forbidden', message: 'disableManualEntry' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('never asks the policy for a message no policy governs, nor for a refused sender', async () => {
    const policy = vi.fn(() => ({ allowed: true as const }));
    await router(policy).dispatch(envelope('test.list'), popup);
    await router(policy).dispatch(envelope('test.add', { name: 'x' }), contentScript);
    expect(policy).not.toHaveBeenCalled();
  });
});

describe('Router contexts', () => {
  it('does not serve what another context serves, so that context can answer', () => {
    const r = router();
    expect(r.serves(envelope('test.list'))).toBe(true);
    expect(r.serves(envelope('other.thing'))).toBe(false);
    expect(r.serves('not an envelope')).toBe(false);
  });
});

describe('classifySender', () => {
  it('treats an opaque origin (sandboxed frame) as no sender at all', () => {
    expect(classifySender({ ...contentScript, origin: 'null' }, ID, ORIGIN)).toBeUndefined();
  });
  it('needs a tab and frame for a content script', () => {
    expect(
      classifySender({ id: ID, url: 'https://a.example/', origin: 'https://a.example' }, ID, ORIGIN),
    ).toBeUndefined();
  });
});
