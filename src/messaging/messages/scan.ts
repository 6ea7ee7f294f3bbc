import * as v from 'valibot';
import type { ScannedCode } from '../../core/scan-result';
import { EMPTY, TAB } from '../schemas';
import { message } from '../spec';

export interface ScanResponse {
  /**
   * The page's origin ('' for an image), and the sites a new account from it is linked to, unless
   * the code has `askSite` (then none).
   */
  site: string;
  sites: string[];
  /** Every QR code found, in reading order; a lone new account is already `added`. */
  codes: ScannedCode[];
}

/** An account "Select the area" added with no site: the popup asks the user which site it is for. */
export interface SiteQuestion {
  id: string;
  site: string;
}

export const scanMessages = {
  /** Capture the visible tab and read the page's own QR images (the popup's click granted activeTab). */
  'scan.tab': message<ScanResponse>()({ from: 'extension-page', policy: 'scan', request: TAB }),
  /** A QR image the user picked, dropped or pasted, as a data: URL. */
  'scan.image': message<ScanResponse>()({
    from: 'extension-page',
    policy: 'scan',
    request: v.object({ dataUrl: v.pipe(v.string(), v.maxLength(50_000_000)) }),
  }),
  /** Let the user draw a box around the QR on the page; the result is told in the page. */
  'scan.selectArea': message<null>()({ from: 'extension-page', policy: 'scan', request: TAB }),
  /** The next account "Select the area" could not link (see SiteQuestion), once: it is then forgotten. */
  'scan.siteQuestion': message<SiteQuestion | null>()({ from: 'extension-page', request: EMPTY }),
};
