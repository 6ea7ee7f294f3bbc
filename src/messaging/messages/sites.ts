import * as v from 'valibot';
import type { PageSite } from '../../core/site-match';
import { message } from '../spec';

/**
 * The page the popup was opened on, as the site rules see it. The Public Suffix List lives in the
 * worker only (it is too large for the popup), so the popup asks once and matches locally with
 * the same rule (`src/core/site-match.ts`).
 */
export const sitesMessages = {
  'sites.forPage': message<PageSite | null>()({
    from: 'extension-page',
    request: v.object({ url: v.pipe(v.string(), v.maxLength(10_000)) }),
  }),
};
