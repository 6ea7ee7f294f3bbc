import * as v from 'valibot';
import { message } from '../spec';

/**
 * Served by the offscreen document, not the worker: only there can the clipboard be written with no
 * page of ours open. Only the worker may ask.
 */
export const offscreenMessages = {
  /** '' clears. */
  'offscreen.writeClipboard': message<true>()({
    from: 'worker',
    request: v.object({ text: v.pipe(v.string(), v.maxLength(10_000)) }),
  }),
};
