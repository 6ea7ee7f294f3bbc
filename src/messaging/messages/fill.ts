import * as v from 'valibot';
import { EMPTY } from '../schemas';
import { message } from '../spec';
import { PROBE_ID } from './page';

export interface AccountSummary {
  id: string;
  issuer: string;
  label: string;
}

/** What a fill gesture came to; the popup (or an in-page notice) says it in the user's language. */
export type FillOutcome =
  | {
      status: 'filled';
      account: AccountSummary;
      submitted: boolean;
      clockCorrectedMs?: number;
      /** The site's clock is over ten minutes from this computer's: one of them is wrong. */
      clockFar?: boolean;
    }
  /** `failed`: the fill script could not run in the page (it navigated, or refuses scripts). */
  | {
      status: 'copied';
      account: AccountSummary;
      reason: 'no-field' | 'ambiguous' | 'rejected' | 'occupied' | 'failed';
      clockFar?: boolean;
    }
  | { status: 'choose'; site: string; accounts: AccountSummary[] }
  | { status: 'no-account'; site: string }
  /**
   * The account is not linked to the frame's site: only an explicit confirmation may fill (and link).
   * `site` and `documentId` are what the user is asked about; the confirmation must name them again.
   */
  | {
      status: 'confirm-site';
      account: AccountSummary;
      accountSites: string[];
      site: string;
      documentId?: string;
    }
  | { status: 'not-allowed' }
  /** The organisation's `allowedSites` does not include the frame's site: nothing filled or linked. */
  | { status: 'policy-forbidden'; key: 'allowedSites'; site: string }
  | { status: 'locked' };

const FILL_REQUEST = v.object({
  tabId: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  /** The frame the gesture pointed at (context menu); otherwise the best frame with a code field. */
  frameId: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  /** Chosen in the popup; otherwise the account linked to the frame's site. */
  accountId: v.optional(v.string()),
  /**
   * The user confirmed filling (and linking) this site, in this document, for an account not linked to
   * it. If the frame now shows another site or document, nothing is filled.
   */
  linkSite: v.optional(
    v.object({
      site: v.pipe(v.string(), v.maxLength(2_000)),
      documentId: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ),
});

export type FillRequest = v.InferOutput<typeof FILL_REQUEST>;

export const fillMessages = {
  /** A fill script's answer to a probe: the browser tells which frame, document and origin sent it. */
  'fill.probed': message<null>()({
    from: 'content-script',
    request: v.object({ probeId: PROBE_ID, hasField: v.boolean(), focused: v.boolean() }),
  }),
  'fill.tab': message<FillOutcome>()({ from: 'extension-page', policy: 'fill', request: FILL_REQUEST }),
  /** A fill the shortcut or context menu could not finish alone (choose, confirm, unlock), for the popup. */
  'fill.pending': message<{ tabId: number; frameId?: number; outcome: FillOutcome } | null>()({
    from: 'extension-page',
    request: EMPTY,
  }),
};
