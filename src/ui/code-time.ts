/**
 * The time every code in the popup is made for: this computer's clock corrected by the offset the
 * background measured against a site (or the user set). One place, so no code can forget it.
 */
let offsetMs = 0;

export function setClockOffset(ms: number): void {
  offsetMs = Number.isFinite(ms) ? ms : 0;
}

export const codeTime = (): number => Date.now() + offsetMs;
