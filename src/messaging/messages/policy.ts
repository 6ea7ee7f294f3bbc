import type { Policy } from '../../core/policy/keys';
import type { PolicyWarning } from '../../core/policy/parse';
import type { Settings } from '../../core/settings';
import { EMPTY } from '../schemas';
import { message } from '../spec';

/**
 * The organisation's policy as the worker enforces it, for the pages to show: what is set, what was
 * ignored and why, and which settings it controls. Pages ask again when `storage.onChanged` reports
 * the `managed` area; the worker has already applied the change by then.
 */
export interface PolicyView {
  policy: Policy;
  warnings: PolicyWarning[];
  /** Settings the user cannot change freely: shown with "Set by your organisation". */
  locked: (keyof Settings)[];
  /** For a maximum, the longest the user may pick (0, "never", is not allowed then). */
  maximums: Partial<Record<'autoLockMinutes' | 'clipboardClearSeconds', number>>;
}

export const policyMessages = {
  'policy.get': message<PolicyView>()({ from: 'extension-page', request: EMPTY }),
};
