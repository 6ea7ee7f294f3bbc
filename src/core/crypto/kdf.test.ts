import { describe, expect, it } from 'vitest';
import { equalBytes } from './bytes.ts';
import { DEFAULT_KDF, deriveKek, meetsKdf, newKdfSpec, OWASP_MIN_KDF, parseKdfSpec } from './kdf.ts';

const CHEAP = { alg: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;

describe('kdf', () => {
  it('default parameters are at least the OWASP minimum', () => {
    expect(meetsKdf(DEFAULT_KDF, OWASP_MIN_KDF)).toBe(true);
    expect(DEFAULT_KDF.memoryKiB).toBeGreaterThanOrEqual(19 * 1024);
  });

  it('is deterministic per salt and differs across salts', async () => {
    const spec = newKdfSpec(CHEAP);
    const a = await deriveKek('pw', spec);
    const b = await deriveKek('pw', spec);
    const c = await deriveKek('pw', newKdfSpec(CHEAP));
    expect(a.length).toBe(32);
    expect(equalBytes(a, b)).toBe(true);
    expect(equalBytes(a, c)).toBe(false);
    expect(equalBytes(a, await deriveKek('pW', spec))).toBe(false);
  });

  it('normalises the password to NFC', async () => {
    const spec = newKdfSpec(CHEAP);
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(equalBytes(await deriveKek(composed, spec), await deriveKek(decomposed, spec))).toBe(true);
  });

  it('parses stored specs and rejects out-of-range or malformed ones', () => {
    const spec = newKdfSpec(CHEAP);
    expect(parseKdfSpec(structuredClone(spec))).toEqual(spec);
    expect(parseKdfSpec({ ...spec, alg: 'scrypt' })).toBeUndefined();
    expect(parseKdfSpec({ ...spec, memoryKiB: 8 * 1024 * 1024 })).toBeUndefined();
    expect(parseKdfSpec({ ...spec, iterations: 0 })).toBeUndefined();
    expect(parseKdfSpec({ ...spec, salt: new Uint8Array(4) })).toBeUndefined();
    expect(parseKdfSpec(null)).toBeUndefined();
  });
});
