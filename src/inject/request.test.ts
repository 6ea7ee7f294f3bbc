import { afterEach, describe, expect, it } from 'vitest';
import { envelope } from '../messaging/envelope';
import { REQUEST_GLOBAL, takeRequest } from './request';

const scope = globalThis as unknown as Record<string, unknown>;

describe('takeRequest (the injected scripts’ side of the protocol)', () => {
  afterEach(() => {
    delete scope[REQUEST_GLOBAL];
  });

  it('takes a valid envelope for its own message once, and leaves no trace', () => {
    const request = { mode: 'fill', code: '123456', origin: 'https://school.nl', options: {} } as const;
    scope[REQUEST_GLOBAL] = envelope('page.fill', request);
    expect(takeRequest('page.fill')).toEqual(request);
    expect(REQUEST_GLOBAL in scope).toBe(false);
    expect(takeRequest('page.fill')).toBeUndefined();
  });

  it('refuses an envelope meant for another script', () => {
    scope[REQUEST_GLOBAL] = envelope('page.notice', { text: 'hello' });
    expect(takeRequest('page.fill')).toBeUndefined();
  });

  it('refuses a request that fails its schema, such as a code that is not a code', () => {
    scope[REQUEST_GLOBAL] = envelope('page.fill', {
      mode: 'fill',
      code: '<img src=x onerror=alert(1)>',
      origin: 'https://school.nl',
      options: {},
    });
    expect(takeRequest('page.fill')).toBeUndefined();
    scope[REQUEST_GLOBAL] = { name: 'page.notice', request: { text: 'no tag' } };
    expect(takeRequest('page.notice')).toBeUndefined();
  });
});
