/**
 * Test-only writers of other apps' exports, so the import tests and the bench need no binary
 * fixtures: an Aegis vault (plain or encrypted, as Aegis's VaultFile writes it) and an otpauth list.
 * Not used by production code; the importers are tested against real samples too.
 */
import { scrypt } from 'hash-wasm';
import type { OtpAccount } from '../../src/core/account.ts';

const encoder = new TextEncoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

/** Aegis's own cost: scrypt N = 2^15, r = 8, p = 1. */
export const AEGIS_SCRYPT = { n: 32768, r: 8, p: 1 } as const;

export function otpauthLink(account: OtpAccount): string {
  const name = account.issuer
    ? `${encodeURIComponent(account.issuer)}:${encodeURIComponent(account.label)}`
    : encodeURIComponent(account.label);
  const params = new URLSearchParams({ secret: account.secret });
  if (account.issuer) params.set('issuer', account.issuer);
  params.set('algorithm', account.algorithm);
  params.set('digits', String(account.digits));
  if (account.type === 'hotp') params.set('counter', String(account.counter));
  else params.set('period', String(account.period));
  return `otpauth://${account.type}/${name}?${params}`;
}

/** Aegis's vault object (`db`) for these accounts; `extra` entries go in as they are (an MD5 one…). */
export function aegisDb(accounts: readonly OtpAccount[], extra: unknown[] = []) {
  return {
    version: 3,
    entries: [
      ...accounts.map((account, i) => ({
        type: account.type,
        uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: account.label,
        issuer: account.issuer,
        note: '',
        info: {
          secret: account.secret,
          algo: account.algorithm,
          digits: account.digits,
          period: account.period,
          counter: account.counter,
        },
      })),
      ...extra,
    ],
    groups: [],
  };
}

async function seal(key: Uint8Array, plain: Uint8Array) {
  const nonce = random(12);
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  const out = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, k, new Uint8Array(plain)),
  );
  return { data: out.slice(0, -16), params: { nonce: hex(nonce), tag: hex(out.slice(-16)) } };
}

export function aegisPlainFile(db: unknown): string {
  return JSON.stringify({ version: 1, header: { slots: null, params: null }, db }, null, 4);
}

/**
 * An encrypted Aegis export: `db` under a random master key (AES-256-GCM), the master key in one
 * password slot under scrypt(password). `cost` defaults to Aegis's own.
 */
export async function aegisEncryptedFile(
  db: unknown,
  password: string,
  cost: { n: number; r: number; p: number } = AEGIS_SCRYPT,
): Promise<string> {
  const master = random(32);
  const salt = random(32);
  const kek = await scrypt({
    password: encoder.encode(password),
    salt,
    costFactor: cost.n,
    blockSize: cost.r,
    parallelism: cost.p,
    hashLength: 32,
    outputType: 'binary',
  });
  const slot = await seal(kek, master);
  const vault = await seal(master, encoder.encode(JSON.stringify(db)));
  return JSON.stringify(
    {
      version: 1,
      header: {
        slots: [
          {
            type: 1,
            uuid: '11111111-1111-4111-8111-111111111111',
            key: hex(slot.data),
            key_params: slot.params,
            ...cost,
            salt: hex(salt),
            repaired: true,
            is_backup: false,
          },
        ],
        params: vault.params,
      },
      db: base64(vault.data),
    },
    null,
    4,
  );
}
