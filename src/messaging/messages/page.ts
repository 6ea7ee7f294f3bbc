import * as v from 'valibot';
import type { FillReport } from '../../inject/fill-page';
import type { ClockReading } from '../../inject/read-site-clock';
import type { SelectedArea } from '../../inject/select-area';
import { message } from '../spec';

/** What the fill script found in its frame, before anything is filled. */
export interface ProbeReport {
  origin: string;
  hasField: boolean;
  focused: boolean;
  clock?: ClockReading;
}

const FILL_OR_PROBE = v.variant('mode', [
  v.object({ mode: v.literal('probe'), codeLength: v.number(), readClock: v.boolean() }),
  v.object({
    mode: v.literal('fill'),
    code: v.pipe(v.string(), v.regex(/^[0-9A-Z]{4,10}$/)),
    options: v.object({ autoSubmit: v.optional(v.boolean()), codeLength: v.optional(v.number()) }),
  }),
]);

/**
 * What the worker asks the scripts it injects into a web page. They are not sent through
 * `runtime.sendMessage` (a page script cannot be reached that way without a content script on every
 * page): the envelope is handed over in the script's isolated world (`src/inject/request.ts`), and
 * the script checks it against the same schema before acting. The answer is the script's return value.
 */
export const pageMessages = {
  'page.fill': message<ProbeReport | FillReport>()({ from: 'worker', request: FILL_OR_PROBE }),
  'page.notice': message<null>()({
    from: 'worker',
    request: v.object({ text: v.pipe(v.string(), v.maxLength(1_000)) }),
  }),
  'page.selectArea': message<SelectedArea | null>()({
    from: 'worker',
    request: v.object({ hint: v.pipe(v.string(), v.maxLength(1_000)) }),
  }),
};

export type PageMessageName = keyof typeof pageMessages;
