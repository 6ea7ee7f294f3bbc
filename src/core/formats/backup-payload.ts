/**
 * What a backup encrypts: every account with everything the vault keeps about it except its id and
 * revision (which belong to one vault), as JSON padded with spaces so the file's size says little
 * about how many accounts it holds.
 */
import type { NewAccount, RecoveryCode, StoredAccount } from '../account.ts';
import { type Bytes, fromUtf8, utf8 } from '../crypto/bytes.ts';
import { normalizeAccount } from '../otp/validate.ts';

/** An account as a backup gives it back: every field filled, `updatedAt` too. */
export type BackupAccount = Required<NewAccount> & { updatedAt: number };

export interface BackupContents {
  /** When the backup was made (ms since the epoch). */
  createdAt: number;
  accounts: BackupAccount[];
}

const PAD_UNIT = 1024;

/**
 * Padmé (Nikitin et al., PETS 2019) rounded up to whole KiB: at most 1 KiB plus 12% more bytes,
 * while a length gives away only about log log of itself. For a few accounts that is one size
 * per KiB (two or three accounts); for hundreds, one size per many accounts.
 */
export function paddedLength(length: number): number {
  const n = Math.max(length, 1);
  const e = Math.floor(Math.log2(n));
  const s = Math.floor(Math.log2(e || 1)) + 1;
  const mask = 2 ** Math.max(e - s, 0) - 1;
  const padme = Math.ceil(n / (mask + 1)) * (mask + 1);
  return Math.ceil(padme / PAD_UNIT) * PAD_UNIT;
}

function toEntry(account: StoredAccount): BackupAccount {
  // Normalising here refuses to write a backup that could not be opened again.
  const otp = normalizeAccount(account);
  return {
    ...otp,
    sites: [...account.sites],
    notes: account.notes,
    recoveryCodes: account.recoveryCodes.map(({ code, used }) => ({ code, used })),
    pinned: account.pinned,
    order: account.order,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

export function encodePayload(accounts: readonly StoredAccount[], createdAt: number): Bytes {
  const json = utf8(JSON.stringify({ createdAt, accounts: accounts.map(toEntry) }));
  const padded = new Uint8Array(paddedLength(json.length)).fill(0x20);
  padded.set(json);
  return padded;
}

/** Undefined unless every account is complete and valid: authenticated nonsense is still damage. */
export function decodePayload(bytes: Uint8Array): BackupContents | undefined {
  let value: unknown;
  try {
    // JSON allows trailing whitespace, which is exactly what the padding is.
    value = JSON.parse(fromUtf8(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { createdAt, accounts } = value as Record<string, unknown>;
  if (!isFiniteNumber(createdAt) || !Array.isArray(accounts)) return undefined;
  const out: BackupAccount[] = [];
  for (const item of accounts) {
    const account = readAccount(item);
    if (!account) return undefined;
    out.push(account);
  }
  return { createdAt, accounts: out };
}

function readAccount(item: unknown): BackupAccount | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const a = item as Record<string, unknown>;
  let otp: ReturnType<typeof normalizeAccount>;
  try {
    otp = normalizeAccount(a as unknown as StoredAccount);
  } catch {
    return undefined;
  }
  const { sites, notes, pinned, order, createdAt, updatedAt } = a;
  const recoveryCodes = readRecoveryCodes(a.recoveryCodes);
  if (!Array.isArray(sites) || !sites.every((s) => typeof s === 'string')) return undefined;
  if (typeof notes !== 'string' || typeof pinned !== 'boolean' || !recoveryCodes) return undefined;
  if (!isFiniteNumber(order) || !isFiniteNumber(createdAt) || !isFiniteNumber(updatedAt)) return undefined;
  return { ...otp, sites: [...sites], notes, recoveryCodes, pinned, order, createdAt, updatedAt };
}

function readRecoveryCodes(value: unknown): RecoveryCode[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: RecoveryCode[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { code, used } = item as Record<string, unknown>;
    if (typeof code !== 'string' || typeof used !== 'boolean') return undefined;
    out.push({ code, used });
  }
  return out;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
