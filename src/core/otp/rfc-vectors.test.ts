import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OtpAccount, OtpAlgorithm } from '../account';
import { generateCode } from './index';

// The shared fixture lives beside the repository and is read in place, never copied in; the same
// numbers are hard-coded in generate.test.ts so a lone clone still checks them.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixturePath = path.resolve(repoRoot, '../shared/fixtures/rfc-vectors.json');
const exists = existsSync(fixturePath);
if (!exists) {
  console.warn(`[otp] Skipping the shared RFC vector tests: ${fixturePath} does not exist.`);
}

interface Fixture {
  hotp_rfc4226_appendix_d: {
    secret_base32: string;
    digits: number;
    algorithm: OtpAlgorithm;
    vectors: { counter: number; hotp: string }[];
  };
  totp_rfc6238_appendix_b: {
    period: number;
    digits: number;
    seeds_base32: Record<OtpAlgorithm, string>;
    vectors: ({ time: number } & Record<OtpAlgorithm, string>)[];
  };
}

describe.skipIf(!exists)('RFC vectors from ../shared/fixtures/rfc-vectors.json', () => {
  const fixture = exists ? (JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture) : undefined;
  const hotp = fixture?.hotp_rfc4226_appendix_d;
  const totp = fixture?.totp_rfc6238_appendix_b;
  const base = { issuer: 'RFC', label: 'vector', counter: 0, period: 30 };

  const hotpCases = (hotp?.vectors ?? []).map((v) => [v.counter, v.hotp] as const);
  it.each(hotpCases)('RFC 4226 HOTP counter %i → %s', (counter, code) => {
    const account: OtpAccount = {
      ...base,
      type: 'hotp',
      secret: hotp!.secret_base32,
      algorithm: hotp!.algorithm,
      digits: hotp!.digits,
      counter,
    };
    expect(generateCode(account)).toBe(code);
  });

  const algorithms: OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
  const totpCases = (totp?.vectors ?? []).flatMap((v) => algorithms.map((a) => [a, v.time, v[a]] as const));
  it.each(totpCases)('RFC 6238 TOTP %s at %i → %s', (algorithm, time, code) => {
    const account: OtpAccount = {
      ...base,
      type: 'totp',
      secret: totp!.seeds_base32[algorithm],
      algorithm,
      digits: totp!.digits,
      period: totp!.period,
    };
    expect(generateCode(account, time * 1000)).toBe(code);
  });

  it('holds all 28 codes', () => {
    expect(hotpCases.length + totpCases.length).toBe(28);
  });
});
