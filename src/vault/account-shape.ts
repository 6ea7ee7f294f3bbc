/**
 * Shape checks for accounts entering the vault (from callers) and leaving it (after decryption).
 * Both directions copy only known fields, so stray properties are neither stored nor returned.
 */
import type { AccountPatch, NewAccount, RecoveryCode, StoredAccount } from '../core/account.ts';
import { cleanName } from '../core/clean-name.ts';

export type { AccountPatch, NewAccount };

const PATCHABLE = new Set<string>([
  'type',
  'issuer',
  'label',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'sites',
  'order',
  'pinned',
  'notes',
  'recoveryCodes',
]);

const TYPES = new Set(['totp', 'hotp', 'steam']);
const ALGORITHMS = new Set(['SHA1', 'SHA256', 'SHA512']);
const BASE32 = /^[A-Z2-7]+$/;

type Check = { ok: true; value: StoredAccount } | { ok: false; reason: string };

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function recoveryCodes(value: unknown): RecoveryCode[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: RecoveryCode[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { code, used } = item as Record<string, unknown>;
    if (!isString(code) || typeof used !== 'boolean') return undefined;
    out.push({ code, used });
  }
  return out;
}

/**
 * Validates a complete account and returns a fresh copy holding only the known fields. Every write
 * and every read passes here, so names are cleaned here: the vault never stores a spoofing
 * character, and a record written before that rule reads back clean.
 */
export function checkStoredAccount(value: unknown): Check {
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'not an object' };
  const a = value as Record<string, unknown>;
  const fail = (field: string): Check => ({ ok: false, reason: `invalid ${field}` });
  if (!isString(a.id) || a.id === '') return fail('id');
  if (!isString(a.type) || !TYPES.has(a.type)) return fail('type');
  if (!isString(a.issuer)) return fail('issuer');
  if (!isString(a.label)) return fail('label');
  if (!isString(a.secret) || !BASE32.test(a.secret)) return fail('secret (base32, upper case, no padding)');
  if (!isString(a.algorithm) || !ALGORITHMS.has(a.algorithm)) return fail('algorithm');
  if (!isInt(a.digits, 1, 10)) return fail('digits');
  if (!isInt(a.period, 1)) return fail('period');
  if (!isInt(a.counter, 0)) return fail('counter');
  if (!Array.isArray(a.sites) || !a.sites.every(isString)) return fail('sites');
  if (!isFiniteNumber(a.order)) return fail('order');
  if (typeof a.pinned !== 'boolean') return fail('pinned');
  if (!isFiniteNumber(a.createdAt)) return fail('createdAt');
  if (!isFiniteNumber(a.updatedAt)) return fail('updatedAt');
  if (!isString(a.notes)) return fail('notes');
  const codes = recoveryCodes(a.recoveryCodes);
  if (!codes) return fail('recoveryCodes');
  if (!isInt(a.revision, 1)) return fail('revision');
  return {
    ok: true,
    value: {
      id: a.id,
      type: a.type as StoredAccount['type'],
      issuer: cleanName(a.issuer),
      label: cleanName(a.label),
      secret: a.secret,
      algorithm: a.algorithm as StoredAccount['algorithm'],
      digits: a.digits,
      period: a.period,
      counter: a.counter,
      sites: [...(a.sites as string[])],
      order: a.order,
      pinned: a.pinned,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      notes: a.notes,
      recoveryCodes: codes,
      revision: a.revision,
    },
  };
}

export function buildNewAccount(input: NewAccount, fill: { id: string; order: number; now: number }): Check {
  if (typeof input !== 'object' || input === null) return { ok: false, reason: 'not an object' };
  return checkStoredAccount({
    ...input,
    id: fill.id,
    sites: input.sites ?? [],
    order: input.order ?? fill.order,
    pinned: input.pinned ?? false,
    notes: input.notes ?? '',
    recoveryCodes: input.recoveryCodes ?? [],
    createdAt: input.createdAt ?? fill.now,
    updatedAt: fill.now,
    revision: 1,
  });
}

export function applyPatch(current: StoredAccount, patch: AccountPatch, now: number): Check {
  if (typeof patch !== 'object' || patch === null) return { ok: false, reason: 'patch is not an object' };
  for (const key of Object.keys(patch)) {
    // Refusing (rather than ignoring) keeps a caller bug from silently rewriting identity fields.
    if (!PATCHABLE.has(key)) return { ok: false, reason: `field '${key}' cannot be changed` };
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return checkStoredAccount({ ...current, ...defined, updatedAt: now, revision: current.revision + 1 });
}
