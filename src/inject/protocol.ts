import type { ClockReading } from './clock';
import type { FillOptions, FillReport } from './fill-page';

/**
 * The injected fill script takes its request from a global the background sets just before, in the
 * same isolated world: executeScript with `files` cannot pass arguments, and the page cannot see it.
 */
export const REQUEST_GLOBAL = '__tweestapFillRequest';

export type InjectedRequest =
  | { mode: 'probe'; codeLength: number; readClock: boolean }
  | { mode: 'fill'; code: string; options: FillOptions };

export interface ProbeReport {
  origin: string;
  hasField: boolean;
  focused: boolean;
  clock?: ClockReading;
}

export type InjectedReport = ProbeReport | FillReport;
