import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSecret } from '../vault/account-store';
import type { NewAccount, RecoveryCode } from './account';
import { type MergeTarget, mergePatch, planImport } from './import-merge';

// Few secrets and few values, so stored and incoming accounts often meet and often differ.
const secret = fc.constantFrom('AAAA', 'BBBB', 'CCCC', 'DDDD');
const type = fc.constantFrom('totp', 'hotp') as fc.Arbitrary<'totp' | 'hotp'>;
const text = fc.constantFrom('', ' ', 'Acme', 'me@school.nl', 'note: desk drawer');
const sites = fc.uniqueArray(fc.constantFrom('school.nl', 'https://mail.acme.test', 'acme.test', 'x.org'), {
  maxLength: 3,
});
const codes: fc.Arbitrary<RecoveryCode[]> = fc.uniqueArray(
  fc.record({ code: fc.constantFrom('1111-2222', '3333-4444', '5555-6666', '7777'), used: fc.boolean() }),
  { maxLength: 3, selector: (entry) => entry.code },
);

const incomingArb: fc.Arbitrary<NewAccount> = fc.record({
  type,
  secret,
  issuer: text,
  label: text,
  algorithm: fc.constant('SHA1' as const),
  digits: fc.constant(6),
  period: fc.constant(30),
  counter: fc.nat(20),
  sites,
  notes: text,
  recoveryCodes: codes,
  order: fc.nat(5),
});

/** A stored account as the merge sees it, still usable as an incoming one. */
type Stored = MergeTarget & NewAccount;

let nextId = 0;
const toStored = (account: NewAccount): Stored => ({
  id: `id-${nextId++}`,
  revision: 1,
  algorithm: account.algorithm,
  digits: account.digits,
  period: account.period,
  type: account.type,
  secret: account.secret,
  issuer: account.issuer,
  label: account.label,
  counter: account.counter,
  sites: account.sites ?? [],
  notes: account.notes ?? '',
  recoveryCodes: account.recoveryCodes ?? [],
});

/** A stored vault: no two accounts with the same secret and type (the store guarantees it). */
const storedArb = fc
  .uniqueArray(incomingArb, { maxLength: 5, selector: (a) => `${a.type}:${a.secret}` })
  .map((accounts) => accounts.map(toStored));

/** What the store does with a plan: patch the changed, append the new. */
function applyPlan(stored: Stored[], incoming: NewAccount[]): Stored[] {
  const plan = planImport(stored, incoming, sameSecret);
  const patched = stored.map((account) => {
    const update = plan.updates.find((u) => u.id === account.id);
    return update ? { ...account, ...update.patch, revision: account.revision + 1 } : account;
  });
  return [...patched, ...plan.adds.map(toStored)];
}

function keepsEverything(before: MergeTarget, after: MergeTarget) {
  for (const site of before.sites) expect(after.sites).toContain(site);
  for (const entry of before.recoveryCodes) {
    const kept = after.recoveryCodes.find((other) => other.code === entry.code);
    expect(kept, `recovery code ${entry.code}`).toBeDefined();
    if (entry.used) expect(kept!.used).toBe(true);
  }
  for (const field of ['notes', 'issuer', 'label'] as const)
    if (before[field].trim() !== '') expect(after[field]).toBe(before[field]);
  expect(after.counter).toBeGreaterThanOrEqual(before.counter);
  expect(after.secret).toBe(before.secret);
  expect(after.type).toBe(before.type);
}

describe('mergePatch', () => {
  it('never loses a stored site, recovery code, used mark, note or name', () => {
    fc.assert(
      fc.property(incomingArb, incomingArb, (storedInput, other) => {
        const stored = toStored(storedInput);
        const incoming = { ...other, secret: stored.secret, type: stored.type };
        const merged = { ...stored, ...mergePatch(stored, incoming) };
        keepsEverything(stored, merged);
        // And it brings in what the stored one lacked.
        for (const site of incoming.sites ?? []) expect(merged.sites).toContain(site);
        for (const entry of incoming.recoveryCodes ?? [])
          expect(merged.recoveryCodes.map((c) => c.code)).toContain(entry.code);
      }),
    );
  });

  it('has nothing more to merge the second time', () => {
    fc.assert(
      fc.property(incomingArb, incomingArb, (storedInput, other) => {
        const stored = toStored(storedInput);
        const incoming = { ...other, secret: stored.secret, type: stored.type };
        const merged = { ...stored, ...mergePatch(stored, incoming) };
        expect(mergePatch(merged, incoming)).toBeUndefined();
      }),
    );
  });

  it('fills empty names and notes, keeps filled ones, and marks a code used on either side', () => {
    const stored = toStored({
      type: 'hotp',
      secret: 'AAAA',
      issuer: '',
      label: 'me',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 9,
      notes: '',
      sites: ['school.nl'],
      recoveryCodes: [
        { code: 'a', used: false },
        { code: 'b', used: true },
      ],
    });
    const patch = mergePatch(stored, {
      ...stored,
      issuer: 'Acme',
      label: 'other',
      notes: 'drawer',
      counter: 4,
      sites: ['acme.test', 'school.nl'],
      recoveryCodes: [
        { code: 'a', used: true },
        { code: 'b', used: false },
        { code: 'c', used: false },
      ],
    });
    expect(patch).toEqual({
      issuer: 'Acme',
      notes: 'drawer',
      sites: ['school.nl', 'acme.test'],
      recoveryCodes: [
        { code: 'a', used: true },
        { code: 'b', used: true },
        { code: 'c', used: false },
      ],
    });
    // A higher HOTP counter is taken; a TOTP account's counter means nothing and stays.
    expect(mergePatch(stored, { ...stored, counter: 12 })).toEqual({ counter: 12 });
    expect(mergePatch({ ...stored, type: 'totp' }, { ...stored, type: 'totp', counter: 12 })).toBeUndefined();
  });
});

describe('planImport', () => {
  it('importing the same file twice changes nothing the second time', () => {
    fc.assert(
      fc.property(storedArb, fc.array(incomingArb, { maxLength: 8 }), (stored, incoming) => {
        const once = applyPlan(stored, incoming);
        const again = planImport(once, incoming, sameSecret);
        expect(again.adds).toEqual([]);
        expect(again.updates).toEqual([]);
        expect(again.steps.every((step) => step.status === 'same')).toBe(true);
        for (const before of stored) keepsEverything(before, once.find((a) => a.id === before.id)!);
      }),
    );
  });

  it('adds the first of accounts the file repeats and reports the others as already here', () => {
    const a = { ...fc.sample(incomingArb, 1)[0]!, secret: 'AAAA', type: 'totp' as const };
    const b = { ...a, secret: 'BBBB' };
    const plan = planImport([], [a, b, { ...a, issuer: 'Repeat' }], sameSecret);
    expect(plan.steps.map((step) => step.status)).toEqual(['new', 'new', 'same']);
    expect(plan.adds.map((x) => x.secret)).toEqual(['AAAA', 'BBBB']);
    expect(plan.adds[0]!.issuer).toBe(a.issuer);
  });

  it('drops the file’s place in the list, so new accounts come after the stored ones', () => {
    const [account] = fc.sample(incomingArb, 1);
    const plan = planImport([], [{ ...account!, order: 0, createdAt: 1234 }], sameSecret);
    expect(plan.adds[0]).not.toHaveProperty('order');
    expect(plan.adds[0]!.createdAt).toBe(1234);
  });

  it('names the stored account for same and changed, and the same secret as HOTP is a new account', () => {
    const stored = toStored({ ...fc.sample(incomingArb, 1)[0]!, type: 'totp', secret: 'CCCC', sites: [] });
    const plan = planImport(
      [stored],
      [
        { ...stored, sites: [] },
        { ...stored, sites: ['school.nl'] },
        { ...stored, type: 'hotp' },
      ],
      sameSecret,
    );
    expect(plan.steps[0]).toEqual({ status: 'same', existingId: stored.id });
    // The second repeats the first within the file: already counted.
    expect(plan.steps[1]).toEqual({ status: 'same', existingId: stored.id });
    expect(plan.steps[2]).toEqual({ status: 'new' });
    const changed = planImport([stored], [{ ...stored, sites: ['school.nl'] }], sameSecret);
    expect(changed.steps[0]).toMatchObject({ status: 'changed', existingId: stored.id });
    expect(changed.updates).toEqual([{ id: stored.id, revision: 1, patch: { sites: ['school.nl'] } }]);
  });
});
