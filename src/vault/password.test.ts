import { describe, expect, it } from 'vitest';
import {
  CHEAP_KDF,
  dumpStores,
  errorOf,
  freshName,
  openTestVault,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';
import { DEFAULT_KDF } from '../core/crypto/kdf.ts';
import type { RewrapStep } from './keyring.ts';
import { type AccountList, Vault } from './vault.ts';

/** Removing the password keeps the data key (the device key is on disk anyway). */
const REWRAP_STEPS: RewrapStep[] = [
  'verified',
  'derived',
  'wrapped',
  'tx-new-slot-written',
  'tx-old-slot-removed',
  'committed',
];
/** A new password also brings a new data key and re-encrypts every record (keyring.ts). */
const REKEY_STEPS: RewrapStep[] = [
  'verified',
  'derived',
  'rekeyed',
  'wrapped',
  'tx-records-rewritten',
  'tx-new-slot-written',
  'tx-old-slot-removed',
  'committed',
];

/** Opens a fresh instance (as after a crash) and reports which secret opens it. */
async function whatOpens(name: string, candidates: string[]): Promise<string> {
  const vault = await openTestVault(name);
  try {
    if (!unwrap(await vault.hasPassword())) {
      expect(vault.state()).toBe('unlocked');
      return 'device';
    }
    for (const pw of candidates) {
      if ((await vault.unlock(pw)).ok) return pw;
    }
    return 'nothing';
  } finally {
    vault.close();
  }
}

async function accountIds(name: string, password?: string): Promise<string[]> {
  const vault = await openTestVault(name);
  if (password) unwrap(await vault.unlock(password));
  const ids = unwrap(await vault.list()).accounts.map((a) => a.id);
  vault.close();
  return ids.sort();
}

/** Every account, and proof that none is left under another key (a half-done re-encryption). */
async function readBack(name: string, password?: string): Promise<AccountList> {
  const vault = await openTestVault(name);
  if (password) unwrap(await vault.unlock(password));
  const listed = unwrap(await vault.list());
  vault.close();
  return listed;
}

describe('passwords', () => {
  it('sets a password: device slot removed, locked on reopen, nothing readable without it', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const acct = unwrap(await vault.add(sampleAccount()));
    unwrap(await vault.setPassword('correct horse'));
    expect(unwrap(await vault.hasPassword())).toBe(true);
    expect(vault.state()).toBe('unlocked');
    vault.close();

    const meta = (await dumpStores(name)).meta!.map((e) => e.key);
    expect(meta).toContain('slot:password');
    expect(meta).not.toContain('slot:device');

    const reopened = await openTestVault(name);
    expect(reopened.state()).toBe('locked');
    expect(errorOf(await reopened.unlockWithDevice()).code).toBe('password-required');
    expect(errorOf(await reopened.get(acct.id)).code).toBe('locked');
    unwrap(await reopened.unlock('correct horse'));
    expect(unwrap(await reopened.get(acct.id))).toEqual(acct);
    reopened.close();
  });

  it('wrong password gives a typed error and changes nothing but the counter', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.add(sampleAccount()));
    unwrap(await vault.setPassword('right'));
    vault.close();
    const before = await dumpStores(name);

    const locked = await openTestVault(name);
    expect(errorOf(await locked.unlock('wrong'))).toMatchObject({ code: 'wrong-password', retryAfterMs: 0 });
    expect(locked.state()).toBe('locked');
    locked.close();

    const after = await dumpStores(name);
    expect(after.meta).toEqual(before.meta);
    expect(after.records).toEqual(before.records);
    expect(after.kv).toEqual([{ key: 'unlock-throttle', value: expect.objectContaining({ failures: 1 }) }]);
  });

  it('throttles after 5 failures in a row, with growing waits, persisted across instances', async () => {
    const name = freshName();
    let clock = 1_000_000;
    const options = { now: () => clock };
    const setup = await openTestVault(name, options);
    unwrap(await setup.setPassword('right'));
    setup.close();

    const vault = await openTestVault(name, options);
    for (let i = 1; i <= 4; i++) {
      expect(errorOf(await vault.unlock('wrong'))).toMatchObject({ code: 'wrong-password', retryAfterMs: 0 });
    }
    expect(errorOf(await vault.unlock('wrong'))).toMatchObject({
      code: 'wrong-password',
      retryAfterMs: 1000,
    });
    // Even the right password is not evaluated while throttled.
    expect(errorOf(await vault.unlock('right'))).toMatchObject({ code: 'throttled', retryAfterMs: 1000 });
    clock += 400;
    expect(errorOf(await vault.unlock('right'))).toMatchObject({ code: 'throttled', retryAfterMs: 600 });
    clock += 600;
    expect(errorOf(await vault.unlock('wrong'))).toMatchObject({
      code: 'wrong-password',
      retryAfterMs: 2000,
    });
    vault.close();

    // A new instance (restarted worker) sees the same throttle.
    const restarted = await openTestVault(name, options);
    expect(errorOf(await restarted.unlock('right'))).toMatchObject({ code: 'throttled', retryAfterMs: 2000 });
    // Changing the password counts as an attempt too.
    expect(errorOf(await restarted.setPassword('new', 'right')).code).toBe('throttled');
    clock += 2000;
    unwrap(await restarted.unlock('right'));
    restarted.lock();
    // Success reset the counter.
    expect(errorOf(await restarted.unlock('wrong'))).toMatchObject({
      code: 'wrong-password',
      retryAfterMs: 0,
    });
    restarted.close();
  });

  it('a clock moved backwards does not lock the user out for longer than the current delay', async () => {
    const name = freshName();
    let clock = 10_000_000;
    const vault = await openTestVault(name, { now: () => clock });
    unwrap(await vault.setPassword('right'));
    for (let i = 0; i < 5; i++) await vault.unlock('wrong');
    clock -= 86_400_000;
    expect(errorOf(await vault.unlock('right'))).toMatchObject({ code: 'throttled', retryAfterMs: 1000 });
    clock += 1000;
    unwrap(await vault.unlock('right'));
    vault.close();
  });

  it('a lock() issued while unlock is still running wins', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.setPassword('pw'));
    vault.lock();
    const pending = vault.unlock('pw');
    vault.lock();
    unwrap(await pending);
    expect(vault.state()).toBe('locked');
    unwrap(await vault.unlock('pw'));
    expect(vault.state()).toBe('unlocked');
    vault.close();
  });

  it('changes and removes the password, requiring the current one', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    const ids = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2)])).map((a) => a.id);
    unwrap(await vault.setPassword('one'));
    expect(errorOf(await vault.setPassword('two')).code).toBe('password-required');
    expect(errorOf(await vault.setPassword('two', 'wrong')).code).toBe('wrong-password');
    expect(errorOf(await vault.setPassword('')).code).toBe('invalid-input');
    unwrap(await vault.setPassword('two', 'one'));
    vault.close();
    expect(await whatOpens(name, ['one', 'two'])).toBe('two');

    const again = await openTestVault(name);
    expect(errorOf(await again.removePassword('one')).code).toBe('wrong-password');
    unwrap(await again.removePassword('two'));
    expect(errorOf(await again.removePassword('two')).code).toBe('no-password');
    again.close();
    expect(await whatOpens(name, ['one', 'two'])).toBe('device');
    expect(await accountIds(name)).toEqual(ids.sort());
  });

  it('re-wraps a slot made with weaker parameters on the next unlock, never weakening one', async () => {
    const name = freshName();
    const weak = await openTestVault(name);
    unwrap(await weak.setPassword('pw'));
    weak.close();
    const stronger = { ...CHEAP_KDF, memoryKiB: 128, iterations: 2 };
    const kdfOf = async () => {
      const meta = (await dumpStores(name)).meta!;
      const slot = meta.find((e) => e.key === 'slot:password')!.value as { kdf: { memoryKiB: number } };
      return slot.kdf.memoryKiB;
    };
    const upgraded = await Vault.open(name, { kdf: stronger });
    unwrap(await upgraded.unlock('pw'));
    upgraded.close();
    expect(await kdfOf()).toBe(128);
    const older = await openTestVault(name);
    unwrap(await older.unlock('pw'));
    older.close();
    expect(await kdfOf()).toBe(128);
  });

  it('works with the real default Argon2id parameters', async () => {
    const name = freshName();
    const vault = await Vault.open(name);
    const acct = unwrap(await vault.add(sampleAccount()));
    unwrap(await vault.setPassword('a real password'));
    vault.close();
    const meta = (await dumpStores(name)).meta!;
    const slot = meta.find((e) => e.key === 'slot:password')!.value as { kdf: Record<string, unknown> };
    expect(slot.kdf).toMatchObject({ ...DEFAULT_KDF });
    const reopened = await Vault.open(name);
    unwrap(await reopened.unlock('a real password'));
    expect(unwrap(await reopened.get(acct.id))).toEqual(acct);
    reopened.close();
  });
});

describe('password changes interrupted at every step', () => {
  type Scenario = {
    label: string;
    before?: string;
    run: (v: Vault) => Promise<unknown>;
    after: string;
    steps: RewrapStep[];
  };
  const scenarios: Scenario[] = [
    {
      label: 'set (no password → "new")',
      run: (v) => v.setPassword('new'),
      after: 'new',
      steps: REKEY_STEPS,
    },
    {
      label: 'change ("old" → "new")',
      before: 'old',
      run: (v) => v.setPassword('new', 'old'),
      after: 'new',
      steps: REKEY_STEPS,
    },
    {
      label: 'remove ("old" → device)',
      before: 'old',
      run: (v) => v.removePassword('old'),
      after: 'device',
      steps: REWRAP_STEPS,
    },
  ];

  for (const scenario of scenarios) {
    for (const step of scenario.steps) {
      it(`${scenario.label}, crash at ${step}`, async () => {
        const name = freshName();
        let armed = false;
        const vault = await openTestVault(name, {
          onRewrapStep: (at) => {
            if (armed && at === step) throw new Error(`simulated crash at ${step}`);
          },
        });
        const accounts = unwrap(await vault.addMany([sampleAccount(1), sampleAccount(2), sampleAccount(3)]));
        if (scenario.before) unwrap(await vault.setPassword(scenario.before));
        armed = true;
        const outcome = (await scenario.run(vault)) as { ok: boolean };
        expect(outcome.ok).toBe(false);
        // The same instance goes on: whatever key it kept must be the one the records are under now
        // (else this account would be written under a retired key), or it must have locked.
        const more = await vault.add(sampleAccount(4));
        if (more.ok) accounts.push(more.value);
        else expect(more.error.code).toBe('locked');
        vault.close();

        const old = scenario.before ?? 'device';
        const expected = step === 'committed' ? scenario.after : old;
        expect(await whatOpens(name, ['old', 'new'])).toBe(expected);
        const listed = await readBack(name, expected === 'device' ? undefined : expected);
        expect(listed.damaged).toEqual([]);
        expect(listed.accounts).toEqual(accounts);
        // Exactly one slot, whatever happened.
        const slots = (await dumpStores(name)).meta!.filter((e) => String(e.key).startsWith('slot:'));
        expect(slots).toHaveLength(1);
      });
    }
  }
});
