import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../tests/support/prng';
import type { OtpAccount, OtpAlgorithm } from '../account';
import { generateCode } from './index';

/**
 * Cross-check against an independent implementation, OATH Toolkit's oathtool. Each process prints
 * WINDOW + 1 consecutive codes (`-w`), and the processes run in parallel, so 1,200 comparisons
 * cost about fifty spawns.
 */
const OATHTOOL = 'oathtool';
const available = spawnSync(OATHTOOL, ['--version']).status === 0;
if (!available) {
  console.warn(
    '[otp] Skipping the oathtool cross-check: oathtool is not installed (apt-get install -y oathtool).',
  );
}

const run = promisify(execFile);
const GROUPS = 48;
const WINDOW = 24;

const prng = mulberry32;

interface Group {
  account: OtpAccount;
  /** Unix seconds for TOTP; unused for HOTP. */
  time: number;
  args: string[];
}

function makeGroups(): Group[] {
  const random = prng(0x7ee5_7a9);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const groups: Group[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const bytes = new Uint8Array(int(10, 64)).map(() => int(0, 255));
    const secret = new Secret({ buffer: bytes.buffer }).base32;
    const digits = pick([6, 7, 8]);
    // oathtool's HOTP is SHA1 only; a third of the groups are HOTP.
    const hotp = g % 3 === 2;
    const algorithm: OtpAlgorithm = hotp ? 'SHA1' : pick(['SHA1', 'SHA256', 'SHA512'] as const);
    const period = pick([15, 30, 60, 90, 1, 45, 300]);
    // Up to 2^34 s covers 32-bit overflow (2038, 2106); big counters cover 64-bit message encoding.
    const time = int(0, 2 ** 34);
    const counter =
      g === 2 ? Number.MAX_SAFE_INTEGER - WINDOW : pick([int(0, 1000), int(0, 2 ** 32), int(0, 2 ** 52)]);
    const base = { issuer: 'oathtool', label: `case ${g}`, secret, algorithm, digits, period, counter };
    const account: OtpAccount = hotp ? { ...base, type: 'hotp' } : { ...base, type: 'totp', counter: 0 };
    const mode = hotp
      ? ['--hotp', '-c', String(counter)]
      : [`--totp=${algorithm}`, '-s', `${period}s`, '-N', `@${time}`];
    groups.push({ account, time, args: [...mode, '-b', '-d', String(digits), '-w', String(WINDOW), secret] });
  }
  return groups;
}

describe.skipIf(!available)('oathtool cross-check', () => {
  it('agrees on at least 1,000 random TOTP and HOTP codes', async () => {
    const groups = makeGroups();
    const outputs = await Promise.all(groups.map((g) => run(OATHTOOL, g.args)));
    let compared = 0;
    const mismatches: string[] = [];
    groups.forEach((group, i) => {
      const expected = outputs[i]!.stdout.trim().split('\n');
      expect(expected).toHaveLength(WINDOW + 1);
      expected.forEach((code, k) => {
        const { account } = group;
        const ours =
          account.type === 'hotp'
            ? generateCode({ ...account, counter: account.counter + k })
            : generateCode(account, (group.time + k * account.period) * 1000);
        compared++;
        if (ours !== code) mismatches.push(`${group.args.join(' ')} [+${k}]: oathtool ${code}, ours ${ours}`);
      });
    });
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(1000);
    const kinds = new Set(groups.map((g) => `${g.account.type}/${g.account.algorithm}`));
    expect(kinds).toEqual(new Set(['hotp/SHA1', 'totp/SHA1', 'totp/SHA256', 'totp/SHA512']));
    expect(new Set(groups.map((g) => g.account.digits))).toEqual(new Set([6, 7, 8]));
  });
});
