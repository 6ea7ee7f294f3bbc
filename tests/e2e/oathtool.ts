import { execFileSync } from 'node:child_process';

/** The reference implementation the E2E codes are checked against. */
export function oathtoolTotp(
  secretBase32: string,
  unixSeconds: number,
  digits = 6,
  periodSeconds = 30,
): string {
  return execFileSync(
    'oathtool',
    ['--totp', '-b', '-d', String(digits), '-s', `${periodSeconds}s`, '-N', `@${unixSeconds}`, secretBase32],
    { encoding: 'utf8' },
  ).trim();
}
