import type { StoredAccount } from '../core/account';
import { generateCode, timeStep } from '../core/otp';

/**
 * Codes only change once per time step, but rows render every second: cache each code by
 * account, revision and step so an HMAC runs once per visible row per step, not per tick.
 */
const cache = new Map<string, string | null>();
const MAX_ENTRIES = 4000;

function key(account: StoredAccount, timeMs: number): string {
  const step = account.type === 'hotp' ? `c${account.counter}` : String(timeStep(account.period, timeMs));
  return `${account.id}\u0000${account.revision}\u0000${step}`;
}

/** The code at `timeMs`, or undefined when the account cannot make one (damaged or invalid). */
export function codeAt(account: StoredAccount, timeMs: number): string | undefined {
  let k: string;
  try {
    k = key(account, timeMs);
  } catch {
    return undefined;
  }
  let code = cache.get(k);
  if (code === undefined) {
    try {
      code = generateCode(account, timeMs);
    } catch {
      code = null;
    }
    // Old steps are never asked for again; dropping everything now and then is simpler than an LRU.
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(k, code);
  }
  return code ?? undefined;
}
