/**
 * Version vectors: which version of an account has seen which changes. They, not the clocks, decide
 * what supersedes what, so a computer whose clock runs ahead cannot win by being "later".
 */
import type { DeviceId, VersionVector } from './types.ts';

/** `compare(a, b)`: 'before' = a happened before b (b has seen every change a has, and more). */
export type Order = 'equal' | 'before' | 'after' | 'concurrent';

/**
 * A missing computer counts as 0. `Object.hasOwn` because vectors arrive from another computer: a key
 * such as `constructor` must not read a prototype's value.
 */
function count(vv: VersionVector, device: DeviceId): number {
  return Object.hasOwn(vv, device) ? (vv[device] ?? 0) : 0;
}

function devices(a: VersionVector, b: VersionVector): Set<DeviceId> {
  return new Set([...Object.keys(a), ...Object.keys(b)]);
}

/** Keys sorted, zeros dropped: two computers that compute the same vector write the same bytes. */
function canonical(counts: Map<DeviceId, number>): VersionVector {
  const vv: VersionVector = {};
  for (const device of [...counts.keys()].sort()) {
    const n = counts.get(device) ?? 0;
    if (n > 0) vv[device] = n;
  }
  return vv;
}

export function compare(a: VersionVector, b: VersionVector): Order {
  let aAhead = false;
  let bAhead = false;
  for (const device of devices(a, b)) {
    const x = count(a, device);
    const y = count(b, device);
    if (x > y) aAhead = true;
    else if (y > x) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

/** Element-wise maximum: the least version that has seen everything both have. */
export function join(a: VersionVector, b: VersionVector): VersionVector {
  const counts = new Map<DeviceId, number>();
  for (const device of devices(a, b)) counts.set(device, Math.max(count(a, device), count(b, device)));
  return canonical(counts);
}

/** One more change by `device`. */
export function bump(vv: VersionVector, device: DeviceId): VersionVector {
  const counts = new Map<DeviceId, number>();
  for (const key of Object.keys(vv)) counts.set(key, count(vv, key));
  counts.set(device, count(vv, device) + 1);
  return canonical(counts);
}
