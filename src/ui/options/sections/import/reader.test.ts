import { describe, expect, it } from 'vitest';
import { otpauthLink } from '../../../../../tests/support/export-files';
import type { OtpAccount, StoredAccount } from '../../../../core/account';
import { createBackup } from '../../../../core/formats/backup';
import { transferBatches } from '../../../../core/formats/google-migration';
import { Reader, type Recognised } from './reader';

const bytes = (text: string) => new TextEncoder().encode(text);
const FAST = { alg: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;

const account = (i: number, extra: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer: `Dienst ${i}`,
  label: `naam${i}`,
  secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}`,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...extra,
});

function importer(found: Recognised) {
  if (found.kind !== 'importer') throw new Error(`expected an importer, got ${JSON.stringify(found)}`);
  return found;
}

describe('the import reader', () => {
  it('recognises, reads once, and forgets; a bad line keeps its number', async () => {
    const reader = new Reader();
    const found = importer(
      await reader.recognise(
        bytes(`${otpauthLink(account(1))}\notpauth:broken\n${otpauthLink(account(2))}\n`),
      ),
    );
    expect(found).toMatchObject({ format: { id: 'otpauth-list' }, encrypted: false });
    const read = await reader.read(found.source);
    expect(read).toMatchObject({ ok: true, entries: { skipped: [{ line: 2, reason: 'bad-line' }] } });
    expect(read.ok && read.entries.accounts.map((a) => a.issuer)).toEqual(['Dienst 1', 'Dienst 2']);
    await reader.handle({ op: 'forget', source: found.source });
    expect(await reader.read(found.source)).toEqual({ ok: false, code: 'import-damaged' });
  });

  it('leaves out, with a reason, an account the vault would refuse as a whole request', async () => {
    const reader = new Reader();
    const long = account(3, { issuer: 'x'.repeat(20_000) });
    const found = importer(
      await reader.recognise(bytes(`${otpauthLink(account(1))}\n${otpauthLink(long)}\n`)),
    );
    const read = await reader.read(found.source);
    expect(read.ok && read.entries.accounts).toHaveLength(1);
    expect(read.ok && read.entries.skipped).toEqual([
      { name: `${'x'.repeat(100)} (naam3)`, reason: 'bad-entry', detail: 'too large for the vault' },
    ]);
  });

  it('names what it cannot read, and lists what it can', async () => {
    const reader = new Reader();
    const unknown = await reader.recognise(bytes('My shopping list\nbread\n'));
    expect(unknown.kind === 'unknown' && unknown.apps).toEqual(
      expect.arrayContaining(['Aegis', '2FAS', 'Tweestap']),
    );
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(60)]);
    expect(await reader.recognise(zip)).toEqual({
      kind: 'unreadable',
      format: { id: 'zip', app: 'a ZIP file' },
    });
  });

  it('says what is wrong with our own backup before its password, and reads every field of a sound one', async () => {
    const reader = new Reader();
    const stored: StoredAccount = {
      ...account(1),
      id: 'a',
      sites: ['school.test'],
      order: 0,
      pinned: true,
      createdAt: 1,
      updatedAt: 2,
      notes: 'drawer',
      recoveryCodes: [{ code: 'RC', used: false }],
      revision: 1,
    };
    const text = await createBackup([stored], 'pw', { kdf: FAST });
    const sound = importer(await reader.recognise(bytes(text)));
    expect(sound).toMatchObject({ format: { id: 'tweestap', app: 'Tweestap' }, encrypted: true });
    expect(sound.early).toBeUndefined();
    expect(await reader.read(sound.source, 'wrong')).toEqual({ ok: false, code: 'import-wrong-password' });
    const read = await reader.read(sound.source, 'pw');
    expect(read.ok && read.entries.accounts[0]).toMatchObject({
      sites: ['school.test'],
      notes: 'drawer',
      pinned: true,
    });

    const file = JSON.parse(text) as { ciphertext: string };
    const flipped = file.ciphertext.startsWith('A')
      ? `B${file.ciphertext.slice(1)}`
      : `A${file.ciphertext.slice(1)}`;
    const damaged = importer(
      await reader.recognise(bytes(JSON.stringify({ ...file, ciphertext: flipped }, null, 2))),
    );
    expect(damaged.early).toBe('backup-damaged');
    expect(importer(await reader.recognise(bytes(text.slice(0, text.length >> 1)))).early).toBe(
      'backup-truncated',
    );
  });

  it('tells a transfer that misses codes, and reads what is there when asked', async () => {
    const reader = new Reader();
    const { batches } = transferBatches(
      Array.from({ length: 30 }, (_, i) =>
        account(i, { secret: `GEZDGNBVGY3TQOJQ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i]}` }),
      ),
    );
    expect(batches).toHaveLength(4);
    const some = importer(
      await reader.recognise(bytes([batches[0]!, batches[3]!, batches[1]!].map((b) => b.uri).join('\n'))),
    );
    expect(some.missing).toEqual([{ batchId: expect.any(Number), read: 3, total: 4, missing: [3] }]);
    const read = await reader.read(some.source);
    expect(read.ok && read.entries.accounts).toHaveLength(8 + 6 + 8);
    const all = importer(await reader.recognise(bytes(batches.map((b) => b.uri).join('\n'))));
    expect(all.missing).toBeUndefined();
  });
});
