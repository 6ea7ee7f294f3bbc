// Backup and restore of 1,000 accounts in real Chromium, through the same messages the options page
// sends; the KDF's share is measured on its own (opening an empty backup is one Argon2id and little else).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../../tests/e2e/launch.ts';

const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const OPTIONS = `chrome-extension://${EXTENSION_ID}/options.html`;
const PASSWORD = 'correct horse battery staple';
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function withProfile<T>(job: (page: Page) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'tweestap-bench-'));
  const launched = await launchWithExtension(profile);
  try {
    const page = await launched.context.newPage();
    await page.goto(OPTIONS);
    // tsx compiles with keepNames: named functions inside evaluate() call a __name helper the page lacks.
    await page.evaluate('globalThis.__name = (f) => f');
    return await job(page);
  } finally {
    await launched.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/** Milliseconds of one message round trip, throwing on a refusal. */
function timed(page: Page, name: string, request: object): Promise<{ ms: number; value: unknown }> {
  return page.evaluate(
    async ([name, request]) => {
      const started = performance.now();
      const answer = await chrome.runtime.sendMessage({ tweestap: 1, name, request });
      const ms = performance.now() - started;
      if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
      return { ms, value: answer.value };
    },
    [name, request] as const,
  );
}

function accounts(count: number) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, i) => ({
    type: 'totp',
    issuer: `Issuer ${i}`,
    label: `user${i}@example.org`,
    secret: Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join(''),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [`https://login${i}.example.org`],
    notes: i % 10 === 0 ? 'recovery sheet in the safe' : '',
    recoveryCodes:
      i % 10 === 0 ? Array.from({ length: 10 }, (_, j) => ({ code: `code-${i}-${j}`, used: false })) : [],
  }));
}

export async function benchBackup(count = 1000) {
  const made = await withProfile(async (page) => {
    await timed(page, 'import.commit', { accounts: accounts(count) });
    const runs: number[] = [];
    let text = '';
    for (let i = 0; i < RUNS; i++) {
      const made = await timed(page, 'backup.create', { password: PASSWORD });
      runs.push(made.ms);
      text = (made.value as { text: string }).text;
    }
    return { runs, text, bytes: text.length };
  });
  const restored = await withProfile(async (page) => {
    const empty = await withEmptyBackup(page);
    const kdf: number[] = [];
    for (let i = 0; i < RUNS; i++)
      kdf.push((await timed(page, 'backup.open', { text: empty, password: PASSWORD })).ms);
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const opened = await timed(page, 'backup.open', { text: made.text, password: PASSWORD });
      const { accounts } = opened.value as { accounts: unknown[] };
      const committed = i === 0 ? await timed(page, 'import.commit', { accounts }) : { ms: 0 };
      // Later runs find every account already there: time the preview instead of a no-op commit.
      const previewed = i === 0 ? { ms: 0 } : await timed(page, 'import.preview', { accounts });
      runs.push(opened.ms + committed.ms + previewed.ms);
    }
    return { runs, kdf };
  });
  return {
    accounts: count,
    fileBytes: made.bytes,
    backupMedianMs: Math.round(median(made.runs)),
    backupRunsMs: made.runs.map(Math.round),
    restoreFirstMs: Math.round(restored.runs[0]!),
    restoreRunsMs: restored.runs.map(Math.round),
    kdfMedianMs: Math.round(median(restored.kdf)),
    note: 'restore = backup.open + import.commit into an empty vault (first run); KDF = opening an empty backup',
  };
}

/** A backup of no accounts, made in this (empty) profile: opening it costs the KDF and little else. */
async function withEmptyBackup(page: Page): Promise<string> {
  return ((await timed(page, 'backup.create', { password: PASSWORD })).value as { text: string }).text;
}
