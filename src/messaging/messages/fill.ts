import * as v from 'valibot';
import { EMPTY } from '../schemas';
import { message } from '../spec';

export interface AccountSummary {
  id: string;
  issuer: string;
  label: string;
}

/** What a fill gesture came to; the popup (or an in-page notice) says it in the user's language. */
export type FillOutcome =
  | { status: 'filled'; account: AccountSummary; submitted: boolean; clockCorrectedMs?: number }
  | { status: 'copied'; account: AccountSummary; reason: 'no-field' | 'ambiguous' | 'rejected' }
  | { status: 'choose'; site: string; accounts: AccountSummary[] }
  | { status: 'no-account'; site: string }
  /** The account is not linked to the frame's site: only an explicit confirmation may fill (and link). */
  | { status: 'confirm-site'; account: AccountSummary; accountSites: string[]; site: string }
  | { status: 'not-allowed' }
  | { status: 'locked' };

const FILL_REQUEST = v.object({
  tabId: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  /** The frame the gesture pointed at (context menu); otherwise the best frame with a code field. */
  frameId: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  /** Chosen in the popup; otherwise the account linked to the frame's site. */
  accountId: v.optional(v.string()),
  /** The user confirmed filling (and linking) a site the account was not linked to. */
  linkSite: v.optional(v.boolean()),
});

export type FillRequest = v.InferOutput<typeof FILL_REQUEST>;

export const fillMessages = {
  'fill.tab': message<FillOutcome>()({ from: 'extension-page', policy: 'fill', request: FILL_REQUEST }),
  /** A fill the shortcut or context menu could not finish alone (choose, confirm, unlock), for the popup. */
  'fill.pending': message<{ tabId: number; frameId?: number; outcome: FillOutcome } | null>()({
    from: 'extension-page',
    request: EMPTY,
  }),
};
