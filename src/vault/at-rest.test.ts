import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  containsBytes,
  dumpStores,
  freshName,
  openTestVault,
  rawBytesOf,
  sampleAccount,
  unwrap,
} from '../../tests/support/vault-testing.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('data at rest', () => {
  for (const withPassword of [false, true]) {
    it(`stores no secret, issuer, label, note, site or key in clear (${withPassword ? 'password' : 'device'})`, async () => {
      const name = freshName();
      const vault = await openTestVault(name);
      const input = sampleAccount(7, {
        issuer: 'Zwitserse Privebank',
        label: 'j.jansen@voorbeeld.nl',
        notes: 'kluis 42 achter het schilderij',
        sites: ['https://login.privebank.example'],
        recoveryCodes: [{ code: 'RC-93817-55512', used: false }],
      });
      unwrap(await vault.add(input));
      unwrap(await vault.addMany([sampleAccount(8), sampleAccount(9)]));
      if (withPassword) unwrap(await vault.setPassword('correct horse battery'));
      const dek = unwrap(await vault.exportSessionKey());
      vault.close();

      const dump = await dumpStores(name);
      const raw = rawBytesOf(dump);
      expect(raw.length).toBeGreaterThan(1000);
      const secretBytes = Secret.fromBase32(input.secret).bytes;
      const needles: [string, Uint8Array][] = [
        ['base32 secret', text(input.secret)],
        ['raw secret bytes', secretBytes],
        ['issuer', text(input.issuer)],
        ['label', text(input.label)],
        ['notes', text('schilderij')],
        ['site', text('privebank')],
        ['recovery code', text('93817')],
        ['password', text('correct horse')],
        ['data key', dek],
      ];
      for (const [what, needle] of needles) {
        expect(containsBytes(raw, needle), what).toBe(false);
      }
      // And the same check through a JSON rendering, in case a value hides in an unexpected shape.
      const json = JSON.stringify(dump, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
      for (const s of [input.secret, input.issuer, input.label, 'schilderij', 'privebank']) {
        expect(json.includes(s)).toBe(false);
      }
      // Records carry only id, format, iv, ciphertext and revision.
      for (const { value } of dump.records!) {
        expect(Object.keys(value as object).sort()).toEqual(['ct', 'id', 'iv', 'rev', 'v']);
      }
    });
  }

  it('pads ciphertexts so lengths do not reveal field lengths', async () => {
    const name = freshName();
    const vault = await openTestVault(name);
    unwrap(await vault.add(sampleAccount(1, { issuer: 'X' })));
    unwrap(await vault.add(sampleAccount(2, { issuer: 'A considerably longer issuer name, Ltd.' })));
    vault.close();
    const lengths = (await dumpStores(name)).records!.map((r) => (r.value as { ct: Uint8Array }).ct.length);
    expect(new Set(lengths).size).toBe(1);
  });
});
