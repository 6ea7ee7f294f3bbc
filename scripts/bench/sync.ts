// Sync of 1,000 typical accounts (a 20-byte secret, issuer and name of 30 characters together, no
// notes) between two profiles in real Chromium, the bench playing the sync engine as the E2E test does.
// Computer A: turning sync on (Argon2id + packing + one write), then one edit (merge, one bucket
// written). Computer B: from the data's arrival to the accounts stored (its "Unlock sync", KDF apart;
// the KDF is measured alone on a profile that finds only the header), and a later change arriving
// (storage.onChanged → the changed account in B's list, the 0.3 s debounce included).
import type { Page } from '@playwright/test';
import { median, timedMessage, withOptionsPage } from './options-ui.ts';

const PASSPHRASE = 'staff room laptop and home computer';
const RUNS = 3;

function typicalAccounts(count: number) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, i) => {
    const issuer = `Issuer ${i}`;
    return {
      type: 'totp',
      issuer,
      // Issuer and name together 30 characters, as the typical account.
      label: `user${i}@school.example`.padEnd(30 - issuer.length, 'x').slice(0, 30 - issuer.length),
      secret: Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join(''),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    };
  });
}

type Items = Record<string, unknown>;
const readSync = (page: Page) => page.evaluate(() => chrome.storage.sync.get(null)) as Promise<Items>;
const writeSync = (page: Page, items: Items) => page.evaluate((all) => chrome.storage.sync.set(all), items);

/** Milliseconds from writing `items` into this profile's sync area until `label` is in its list. */
function arrival(page: Page, items: Items, label: string): Promise<number> {
  return page.evaluate(
    async ([all, wanted]) => {
      const started = performance.now();
      await chrome.storage.sync.set(all);
      for (;;) {
        const answer = await chrome.runtime.sendMessage({ tweestap: 1, name: 'vault.list', request: {} });
        if (answer.ok && answer.value.accounts.some((a: { label: string }) => a.label === wanted))
          return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    [items, label] as const,
  );
}

export async function benchSync(count = 1000) {
  const enableMs: number[] = [];
  const editMs: number[] = [];
  const joinMs: number[] = [];
  const kdfMs: number[] = [];
  const arriveMs: number[] = [];
  let usedBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    await withOptionsPage(async (a) => {
      await timedMessage(a, 'import.commit', { accounts: typicalAccounts(count) });
      const enabled = await timedMessage(a, 'sync.enable', { passphrase: PASSPHRASE });
      enableMs.push(enabled.ms);
      usedBytes = (enabled.value as { usedBytes: number }).usedBytes;
      const synced = await readSync(a);
      await withOptionsPage(async (c) => {
        await writeSync(c, { 'tw.h': synced['tw.h'] });
        kdfMs.push((await timedMessage(c, 'sync.enable', { passphrase: PASSPHRASE })).ms);
      });
      await withOptionsPage(async (b) => {
        await writeSync(b, synced);
        joinMs.push((await timedMessage(b, 'sync.enable', { passphrase: PASSPHRASE })).ms);
        const listed = (await timedMessage(a, 'vault.list', {})).value as {
          accounts: { id: string; revision: number }[];
        };
        const first = listed.accounts[0]!;
        const label = `edited in run ${run}`;
        await timedMessage(a, 'vault.update', { id: first.id, revision: first.revision, patch: { label } });
        editMs.push((await timedMessage(a, 'sync.now', {})).ms);
        arriveMs.push(await arrival(b, await readSync(a), label));
      });
    });
  }
  const round = (values: number[]) => values.map(Math.round);
  const kdf = median(kdfMs);
  return {
    accounts: count,
    usedBytes,
    bytesPerAccount: Math.round((usedBytes / count) * 10) / 10,
    enableMedianMs: Math.round(median(enableMs)),
    enableRunsMs: round(enableMs),
    oneEditMedianMs: Math.round(median(editMs)),
    kdfMedianMs: Math.round(kdf),
    joinMedianMs: Math.round(median(joinMs)),
    showAfterArrivalMedianMs: Math.round(median(joinMs) - kdf),
    remoteChangeShownMedianMs: Math.round(median(arriveMs)),
    remoteChangeRunsMs: round(arriveMs),
    note:
      'enable = sync.enable on A with 1,000 accounts (Argon2id, pack, one storage.sync.set); oneEdit = sync.now ' +
      'after one edit; join = sync.enable on B with the data there (KDF, open, merge, store 1,000); ' +
      'showAfterArrival = join minus the KDF alone (sync.enable on a profile with only the header); ' +
      'remoteChange = a change written into B’s sync area until B’s list has it (0.3 s debounce included)',
  };
}
