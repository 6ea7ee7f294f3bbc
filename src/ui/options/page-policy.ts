import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Policy, PolicyKey } from '../../core/policy/keys';
import type { PolicyView } from '../../messaging/protocol';
import { NO_POLICY } from '../policy';

/**
 * The policy the page shows, read once by OptionsApp (usePolicy) and handed to every section here,
 * so the page asks the worker once per change rather than once per section.
 */
export const PolicyContext = createContext<PolicyView>(NO_POLICY);

export const usePagePolicy = (): PolicyView => useContext(PolicyContext);

export interface TurnedOff {
  /** The encrypted backup. */
  backup?: PolicyKey;
  /** Anything without a password: the otpauth list, transfer codes, a setup key shown by hand. */
  plain?: PolicyKey;
  /** Restore and import. */
  import?: PolicyKey;
}

/**
 * Which of the page's ways in and out the organisation turned off, and by which key. The worker
 * refuses the same requests on its own (src/background/policy.ts); this is only so the page says
 * so up front rather than after a click.
 */
export function turnedOff(policy: Policy): TurnedOff {
  const exportOff = policy.disableExport ? 'disableExport' : undefined;
  return {
    backup: exportOff,
    plain: exportOff ?? (policy.disablePlainExport ? 'disablePlainExport' : undefined),
    import: policy.disableImport ? 'disableImport' : undefined,
  };
}

/** A policy text in the language of the page's own messages. */
export { localText as pageText } from '../policy';
