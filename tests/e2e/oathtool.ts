import { execFileSync } from 'node:child_process';
import { expect, type Locator } from '@playwright/test';

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

/**
 * The field holds the code for now, or for the step just ended: a fill just before a 30 s boundary is
 * checked a moment after it, and a busy machine makes that moment longer.
 */
export async function expectFilledTotp(field: Locator, secretBase32: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const value = await field.inputValue();
        const now = Math.floor(Date.now() / 1000);
        return [oathtoolTotp(secretBase32, now), oathtoolTotp(secretBase32, now - 30)].includes(value)
          ? 'a current code'
          : `"${value}"`;
      },
      { timeout: 10_000 },
    )
    .toBe('a current code');
}
