import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page, TestInfo } from '@playwright/test';
import type { StoredAccount } from '../../src/core/account';
import type { MessageName, RequestIn, VaultStatus } from '../../src/messaging/protocol';
import { axeViolations } from './axe';
import { expect } from './fixtures';
import { addAccounts, sendFromPage, type TestAccount } from './helpers';

/**
 * A fresh random setup key (base32 of `bytes` bytes, a multiple of 5 so oathtool needs no padding),
 * so no two accounts count as duplicates.
 */
export function randomSecret(bytes = 20): string {
  if (bytes % 5 !== 0) throw new Error('randomSecret: bytes must be a multiple of 5');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of randomBytes(bytes)) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i + 5 <= bits.length; i += 5) out += alphabet[Number.parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

export const digitsOf = (text: string) => text.replace(/\D/g, '');

/** TOTP with any algorithm/digits/period, from oathtool (the reference implementation). */
export function oathtoolTotpWith(
  secret: string,
  unixSeconds: number,
  {
    algorithm = 'SHA1',
    digits = 6,
    period = 30,
  }: { algorithm?: string; digits?: number; period?: number } = {},
): string {
  return execFileSync(
    'oathtool',
    [`--totp=${algorithm}`, '-b', '-d', String(digits), '-s', `${period}s`, '-N', `@${unixSeconds}`, secret],
    { encoding: 'utf8' },
  ).trim();
}

/** HOTP (SHA1) at counter `counter`, from oathtool. */
export function oathtoolHotp(secret: string, counter: number, digits = 6): string {
  return execFileSync('oathtool', ['--hotp', '-b', '-d', String(digits), '-c', String(counter), secret], {
    encoding: 'utf8',
  }).trim();
}

/**
 * Steam Guard, written out independently of the product (node:crypto): RFC 4226 dynamic truncation,
 * then five base-26 symbols, least significant first.
 */
export function steamReference(secret: string, unixSeconds: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; i++) key[i] = Number.parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  let value = mac.readUInt32BE(offset) & 0x7fffffff;
  const steam = '23456789BCDFGHJKMNPQRTVWXY';
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += steam[value % steam.length];
    value = Math.floor(value / steam.length);
  }
  return code;
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The list row for an account: its accessible name starts with the issuer and holds the account name. */
export function rowFor(page: Page, issuer: string, label?: string): Locator {
  const name = label
    ? new RegExp(`^${escapeRegExp(issuer)}, ${escapeRegExp(label)}(,|$)`)
    : new RegExp(`^${escapeRegExp(issuer)}(,|$)`);
  return page.getByRole('listitem', { name });
}

/** The code as the row shows it, spaces removed. */
export async function shownCode(row: Locator): Promise<string> {
  const text = await row.getByTestId('code').first().textContent({ timeout: 5_000 });
  return (text ?? '').replace(/\s/g, '');
}

/**
 * Reads the shown code and the clock together and checks it against `expected(unixSeconds)`,
 * retrying when the read straddles a step boundary (or the list timer has not ticked over yet).
 */
export async function expectLiveCode(
  row: Locator,
  expected: (unixSeconds: number) => string,
  period = 30,
): Promise<void> {
  await expect(async () => {
    const before = Math.floor(Date.now() / 1000);
    const shown = await shownCode(row);
    const after = Math.floor(Date.now() / 1000);
    expect(Math.floor(before / period), 'read inside one time step').toBe(Math.floor(after / period));
    expect(shown).toBe(expected(before));
  }).toPass({ timeout: 15_000, intervals: [250, 500, 1000] });
}

export interface ProtocolResult<T> {
  ok: boolean;
  value: T;
  error?: { code: string; retryAfterMs?: number };
}

/** Sends a message and fails the test unless the background says ok. */
export async function call<T = unknown, N extends MessageName = MessageName>(
  page: Page,
  name: N,
  request: RequestIn<N> | Record<string, never> = {},
): Promise<T> {
  const result = await sendFromPage<ProtocolResult<T>, N>(page, name, request);
  if (!result?.ok) throw new Error(`${name} failed: ${JSON.stringify(result)}`);
  return result.value;
}

export async function listAccounts(page: Page): Promise<StoredAccount[]> {
  return (await call<{ accounts: StoredAccount[] }>(page, 'vault.list')).accounts;
}

export async function vaultStatus(page: Page): Promise<VaultStatus> {
  return call<VaultStatus>(page, 'vault.status');
}

/**
 * Opens the popup, seeds the accounts through the protocol and reloads, so the list is painted from
 * the stored vault exactly as on a fresh open. Waits until every account has its row.
 */
export async function popupWith(
  openPopup: () => Promise<Page>,
  accounts: TestAccount[],
  options: { tourDone?: boolean } = {},
): Promise<Page> {
  const page = await openPopup();
  await addAccounts(page, accounts);
  if (options.tourDone) await call(page, 'settings.set', { patch: { tourDone: true } });
  await page.reload();
  await expect(page.getByRole('listitem', { name: /./ })).toHaveCount(accounts.length, { timeout: 15_000 });
  return page;
}

/**
 * Lets pages read the clipboard. Chromium refuses a grant for the chrome-extension:// origin alone
 * ("Permission can't be granted to opaque origins"), so the grant is for every origin of this profile.
 */
export async function grantClipboard(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
}

/** The clipboard as an extension page reads it (it needs focus, hence bringToFront). */
export async function readClipboard(page: Page): Promise<string> {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

export type Messages = Record<string, { message: string }>;

export function messagesFor(lang: string): Messages {
  return JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8'),
  ) as Messages;
}

/** `messages[key].message`, failing loudly if the key does not exist. */
export function msg(messages: Messages, key: string): string {
  const entry = messages[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message;
}

/**
 * Saves a screenshot as `test-results/screenshots/<name>.png`, attaches it to the report, and checks
 * the screen against axe-core's WCAG 2.x A/AA rules: every screen someone looks at is also checked.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const dir = join(testInfo.project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  return path;
}
