import { describe, expect, it } from 'vitest';
import { ok } from '../core/errors';
import { classifySender, Router } from './router';

const ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const ORIGIN = `chrome-extension://${ID}`;
const popup = { id: ID, url: `${ORIGIN}/popup.html`, origin: ORIGIN };
const contentScript = {
  id: ID,
  url: 'https://school.example/login',
  origin: 'https://school.example',
  tab: { id: 7 },
  frameId: 0,
};

function router() {
  const r = new Router(ID, ORIGIN);
  r.on('vault.list', 'extension-page', () => ok({ accounts: [], damaged: [], clockOffsetMs: 0 }));
  r.on('code.forFrame', 'content-script', (_request, sender) =>
    ok({ codes: [{ issuer: sender.origin, label: '', code: '123456' }] }),
  );
  r.on('vault.lock', 'extension-page', () => {
    throw new Error('boom');
  });
  return r;
}

const envelope = (name: string, request: object = {}) => ({ tweestap: 1, name, request });

describe('Router sender checks', () => {
  it('answers the popup for a vault message', async () => {
    expect(await router().dispatch(envelope('vault.list'), popup)).toEqual({
      ok: true,
      value: { accounts: [], damaged: [], clockOffsetMs: 0 },
    });
  });

  it('refuses a content script asking for the account list', async () => {
    const result = await router().dispatch(envelope('vault.list'), contentScript);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses an extension page calling a content-script-only message', async () => {
    const result = await router().dispatch(envelope('code.forFrame'), popup);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('gives a content script its own frame origin, taken from the browser-set sender', async () => {
    const result = await router().dispatch(envelope('code.forFrame'), contentScript);
    expect(result).toEqual({
      ok: true,
      value: { codes: [{ issuer: 'https://school.example', label: '', code: '123456' }] },
    });
  });

  it('refuses another extension, even with an extension URL', async () => {
    const other = { ...popup, id: 'abcdefghijklmnopabcdefghijklmnop' };
    expect(await router().dispatch(envelope('vault.list'), other)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
  });

  it('refuses a page that merely puts the extension origin in its path', async () => {
    const spoof = {
      ...contentScript,
      url: `https://evil.example/${ORIGIN}/popup.html`,
      origin: 'https://evil.example',
    };
    expect(await router().dispatch(envelope('vault.list'), spoof)).toMatchObject({
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
    expect(await router().dispatch(envelope('vault.lock'), popup)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('rejects registering a name twice', () => {
    const r = router();
    expect(() =>
      r.on('vault.list', 'extension-page', () => ok({ accounts: [], damaged: [], clockOffsetMs: 0 })),
    ).toThrow(/twice/);
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
