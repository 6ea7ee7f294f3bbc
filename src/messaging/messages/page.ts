import * as v from 'valibot';
import type { FillReport } from '../../inject/fill-page';
import type { ClockSample } from '../../inject/read-site-clock';
import type { SelectedArea } from '../../inject/select-area';
import { message } from '../spec';

/** Names one probe of a tab's frames, so the frames' answers (`fill.probed`) find the fill that asked. */
export const PROBE_ID = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

const FILL_OR_PROBE = v.variant('mode', [
  /** Answered by a `fill.probed` message, whose sender the browser reports: the script's word is not taken. */
  v.object({ mode: v.literal('probe'), probeId: PROBE_ID, codeLength: v.number() }),
  /** Read the site's clock, from the one document the account matched. */
  v.object({ mode: v.literal('clock') }),
  v.object({
    mode: v.literal('fill'),
    code: v.pipe(v.string(), v.regex(/^[0-9A-Z]{4,10}$/)),
    /** The origin the account matched: a frame that now shows another site gets nothing. */
    origin: v.pipe(v.string(), v.maxLength(2_000)),
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
  'page.fill': message<boolean | ClockSample | FillReport | undefined>()({
    from: 'worker',
    request: FILL_OR_PROBE,
  }),
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
