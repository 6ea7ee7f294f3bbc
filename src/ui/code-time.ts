/**
 * The time an account's codes are made for: this computer's clock corrected by the offset the
 * background measured against that account's own site (or the one the user set). One place, so no
 * code can forget it; an account without a reading gets the computer's time.
 */
let offsets: Readonly<Record<string, number>> = {};

export function setClockOffsets(byAccount: Readonly<Record<string, number>>): void {
  offsets = byAccount;
}

export function accountTime(account: { id: string }, now: number = Date.now()): number {
  const offset = offsets[account.id];
  return typeof offset === 'number' && Number.isFinite(offset) ? now + offset : now;
}
