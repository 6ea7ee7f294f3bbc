import * as v from 'valibot';
import { message } from '../spec';

/** The popup copied a code itself; the background clears the clipboard after the chosen delay. */
export const clipboardMessages = {
  'clipboard.scheduleClear': message<null>()({
    from: 'extension-page',
    request: v.object({ text: v.optional(v.string()) }),
  }),
};
