import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { addAccounts, sendFromPage } from './helpers';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Buffer): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? [])
    .map((chunk) => BASE32[Number.parseInt(chunk.padEnd(5, '0'), 2)])
    .join('');
}

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) yield* filesUnder(path);
    else if (stat?.isFile()) yield path;
  }
}

/** Every file of the profile, searched for each needle as UTF-8, UTF-16LE (Local Storage) and raw bytes. */
function hitsInProfile(profile: string, needles: Buffer[]): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(profile)) {
    const content = readFileSync(file);
    for (const needle of needles)
      if (content.includes(needle)) hits.push(`${file}: ${needle.toString('hex').slice(0, 16)}…`);
  }
  return hits;
}

for (const withPassword of [false, true]) {
  test(`no secret reaches the disk in readable form (${withPassword ? 'with' : 'without'} a password)`, async ({
    launched,
    userDataDir,
    openPopup,
  }) => {
    const popup = await openPopup();
    const raws = Array.from({ length: 20 }, () => randomBytes(20));
    const secrets = raws.map(base32);
    const labels = raws.map((_, i) => `unique-label-${randomBytes(6).toString('hex')}-${i}`);
    await addAccounts(
      popup,
      secrets.map((secret, i) => ({ issuer: `Issuer ${i}`, label: labels[i]!, secret })),
    );
    if (withPassword) {
      const set = await sendFromPage<{ ok: boolean }>(popup, 'vault.setPassword', {
        newPassword: 'correct horse battery',
      });
      expect(set.ok).toBe(true);
    }
    // Positive control: the same search must find a value the extension's origin stores in clear.
    const control = base32(randomBytes(20));
    await popup.evaluate(async (value) => {
      const request = indexedDB.open('control', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('kv');
      const db: IDBDatabase = await new Promise((resolve) => {
        request.onsuccess = () => resolve(request.result);
      });
      await new Promise((resolve) => {
        const tx = db.transaction('kv', 'readwrite');
        tx.objectStore('kv').put(value, 'control');
        tx.oncomplete = resolve;
      });
      db.close();
    }, control);
    const listed = await sendFromPage<{ ok: boolean; value: { accounts: unknown[] } }>(popup, 'vault.list');
    expect(listed.value.accounts).toHaveLength(20);
    await launched.close();

    expect(hitsInProfile(userDataDir, [Buffer.from(control)]).length).toBeGreaterThan(0);
    const needles = [
      ...secrets.map((s) => Buffer.from(s)),
      ...secrets.map((s) => Buffer.from(s.toLowerCase())),
      ...secrets.map((s) => Buffer.from(s, 'utf16le')),
      ...raws,
      ...labels.map((l) => Buffer.from(l)),
    ];
    expect(hitsInProfile(userDataDir, needles)).toEqual([]);
  });
}
