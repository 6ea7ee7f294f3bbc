import { describe, expect, it } from 'vitest';
import type { StoredAccount } from '../core/account';
import { arrange, moveBy, moveNextTo, withOrder } from './order';

function account(id: string, order: number, extra: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id,
    type: 'totp',
    issuer: id,
    label: '',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [],
    order,
    pinned: false,
    createdAt: 0,
    updatedAt: 0,
    notes: '',
    recoveryCodes: [],
    revision: 1,
    ...extra,
  };
}

const ids = (items: { account: StoredAccount }[]) => items.map((item) => item.account.id);

describe('arrange', () => {
  const accounts = [
    account('a', 0),
    account('b', 1, { pinned: true }),
    account('c', 2, { sites: ['school.nl'] }),
    account('d', 3, { sites: ['https://login.school.nl'] }),
  ];

  it('puts pinned first, then order', () => {
    expect(ids(arrange(accounts, undefined))).toEqual(['b', 'a', 'c', 'd']);
  });

  it('puts this site first, exact host before parent domain', () => {
    const page = { origin: 'https://login.school.nl', host: 'login.school.nl', domain: 'school.nl' };
    const items = arrange(accounts, page);
    expect(ids(items)).toEqual(['d', 'c', 'b', 'a']);
    expect(items.map((item) => item.site)).toEqual(['exact', 'domain', undefined, undefined]);
  });

  it('labels no account "This site" on an http page unless it names that exact origin', () => {
    const lookalike = { origin: 'http://login.school.nl:8080', host: 'login.school.nl', domain: 'school.nl' };
    expect(arrange(accounts, lookalike).map((item) => item.site)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const exact = [...accounts, account('e', 4, { sites: ['http://login.school.nl:8080'] })];
    expect(arrange(exact, lookalike).map((item) => [item.account.id, item.site])[0]).toEqual(['e', 'exact']);
  });

  it('keeps one github.io site from being "This site" for another', () => {
    const page = {
      origin: 'https://mallory.github.io',
      host: 'mallory.github.io',
      domain: 'mallory.github.io',
    };
    const pages = [account('alice', 0, { sites: ['alice.github.io'] })];
    expect(arrange(pages, page)[0]?.site).toBeUndefined();
  });
});

describe('moving', () => {
  const accounts = [account('a', 0), account('b', 1), account('c', 2), account('p', 3, { pinned: true })];

  it('moves within its group and stops at the edges', () => {
    expect(moveBy(accounts, 'b', -1)).toEqual(['p', 'b', 'a', 'c']);
    expect(moveBy(accounts, 'b', 1)).toEqual(['p', 'a', 'c', 'b']);
    expect(moveBy(accounts, 'c', 1)).toBeUndefined();
    expect(moveBy(accounts, 'a', -1)).toBeUndefined();
    expect(moveBy(accounts, 'p', 1)).toBeUndefined();
    expect(moveBy(accounts, 'zzz', 1)).toBeUndefined();
  });

  it('drops before or after a target', () => {
    expect(moveNextTo(accounts, 'c', 'a', false)).toEqual(['p', 'c', 'a', 'b']);
    expect(moveNextTo(accounts, 'a', 'c', true)).toEqual(['p', 'b', 'c', 'a']);
    expect(moveNextTo(accounts, 'a', 'b', false)).toBeUndefined();
    expect(moveNextTo(accounts, 'a', 'a', true)).toBeUndefined();
  });

  it('applies an order locally', () => {
    const moved = withOrder(accounts, ['c', 'b', 'a', 'p']);
    expect(moved.map((a) => [a.id, a.order])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 0],
      ['p', 3],
    ]);
  });
});

describe('arrange by a guess, for accounts with no site', () => {
  const page = { origin: 'https://www.amazon.co.uk', host: 'www.amazon.co.uk', domain: 'amazon.co.uk' };

  it('puts an unlinked account whose issuer is the page brand under "This site", after linked ones', () => {
    const accounts = [
      account('Bank', 0),
      account('Amazon', 1),
      account('Linked', 2, { sites: ['amazon.co.uk'] }),
    ];
    const items = arrange(accounts, page);
    expect(ids(items)).toEqual(['Linked', 'Amazon', 'Bank']);
    expect(items.map((item) => item.site)).toEqual(['domain', 'guess', undefined]);
  });

  it('never guesses for an account that has sites of its own elsewhere', () => {
    const items = arrange([account('Amazon', 0, { sites: ['other.example'] })], page);
    expect(items[0]!.site).toBeUndefined();
  });
});
