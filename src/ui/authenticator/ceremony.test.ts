import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticatorsMayWork } from './ceremony';

function browserWith(getClientCapabilities: () => Promise<Record<string, boolean | undefined>>) {
  vi.stubGlobal('PublicKeyCredential', { getClientCapabilities });
  vi.stubGlobal('navigator', { credentials: {} });
}

describe('authenticatorsMayWork', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('is false without WebAuthn, or where the browser says PRF is missing', async () => {
    expect(await authenticatorsMayWork()).toBe(false);
    browserWith(async () => ({ 'extension:prf': false }));
    expect(await authenticatorsMayWork()).toBe(false);
  });

  it('is true where PRF is listed, or the list says nothing of it', async () => {
    browserWith(async () => ({ 'extension:prf': true }));
    expect(await authenticatorsMayWork()).toBe(true);
    browserWith(async () => ({}));
    expect(await authenticatorsMayWork()).toBe(true);
    browserWith(() => Promise.reject(new Error('not allowed')));
    expect(await authenticatorsMayWork()).toBe(true);
  });

  it('makes the offer when the browser never answers, instead of a button disabled for good', async () => {
    vi.useFakeTimers();
    browserWith(() => new Promise(() => {}));
    let answer: boolean | undefined;
    void authenticatorsMayWork().then((works) => {
      answer = works;
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(answer).toBe(true);
  });
});
