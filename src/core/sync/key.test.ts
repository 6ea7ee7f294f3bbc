import { describe, expect, it } from 'vitest';
import { CHEAP_KDF } from '../../../tests/support/vault-testing.ts';
import {
  checksOut,
  exportSyncKey,
  importSyncKey,
  keyFromPassphrase,
  newSyncKey,
  parseSyncHeader,
} from './key.ts';

const PASSPHRASE = 'four ordinary words here';

describe('the sync key', () => {
  it('another computer derives the same key from the header and the passphrase', async () => {
    const { header, key } = await newSyncKey(PASSPHRASE, CHEAP_KDF);
    const parsed = parseSyncHeader(JSON.parse(JSON.stringify(header)));
    expect(parsed).toEqual(header);
    const again = await keyFromPassphrase(PASSPHRASE, parsed!);
    expect(again).toBeDefined();
    expect(await exportSyncKey(again!)).toBe(await exportSyncKey(key));
  });

  it('a wrong passphrase gives no key, and a kept key tells a changed passphrase', async () => {
    const first = await newSyncKey(PASSPHRASE, CHEAP_KDF);
    expect(await keyFromPassphrase('four ordinary words there', first.header)).toBeUndefined();
    const second = await newSyncKey('a changed passphrase now', CHEAP_KDF);
    expect(await checksOut(first.key, first.header)).toBe(true);
    expect(await checksOut(first.key, second.header)).toBe(false);
    expect(second.header.keyId).not.toBe(first.header.keyId);
  });

  it('the passphrase is NFC-normalised: typed on a Mac or on Windows, the same key', async () => {
    const { header } = await newSyncKey('café au lait'.normalize('NFD'), CHEAP_KDF);
    expect(await keyFromPassphrase('café au lait'.normalize('NFC'), header)).toBeDefined();
  });

  it('refuses a header that is not ours, or whose costs are out of bounds', async () => {
    const { header } = await newSyncKey(PASSPHRASE, CHEAP_KDF);
    expect(parseSyncHeader(undefined)).toBeUndefined();
    expect(parseSyncHeader('tw')).toBeUndefined();
    expect(parseSyncHeader({ ...header, v: 2 })).toBeUndefined();
    expect(parseSyncHeader({ ...header, keyId: '000000000000' })).toBeUndefined();
    expect(parseSyncHeader({ ...header, kdf: { ...header.kdf, memoryKiB: 1 << 30 } })).toBeUndefined();
    expect(parseSyncHeader({ ...header, check: 'AAAA' })).toBeUndefined();
  });

  it('a kept key round-trips through its export', async () => {
    const { header, key } = await newSyncKey(PASSPHRASE, CHEAP_KDF);
    const kept = await importSyncKey(await exportSyncKey(key));
    expect(await checksOut(kept!, header)).toBe(true);
    expect(await importSyncKey('short')).toBeUndefined();
  });
});
