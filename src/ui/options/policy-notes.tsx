import type { ProtocolError } from '../../core/errors';
import { errorText, t } from '../i18n';
import { usePagePolicy } from './page-policy';

/** What a section shows as an error: a text of its own, or the worker's answer as it came. */
export type Problem = string | ProtocolError;

/** The key's name as the admin wrote it, for the help desk: users need not read it. */
export const PolicyKeyName = ({ name }: { name: string }) => (
  <code class="policy-key" lang="en" translate={false}>
    {name}
  </code>
);

/** The organisation's help page, when it has set one (`helpUrl`). */
export function HelpLink() {
  const url = usePagePolicy().policy.helpUrl;
  if (!url) return null;
  return (
    <a class="link" href={url} target="_blank" rel="noopener noreferrer">
      {t('options_policy_help')}
    </a>
  );
}

/** In place of a section's controls the organisation turned off: why, by which key, where to ask. */
export function PolicyReason({ text, policyKey }: { text: string; policyKey: string }) {
  return (
    <p class="note is-strong policy-reason">
      <span>{text}</span> <PolicyKeyName name={policyKey} /> <HelpLink />
    </p>
  );
}

/**
 * An error's words. A refusal the page did not see coming (the policy changed a moment ago, or
 * `allowedSites` refused an imported account) also names its key and links the help page.
 */
export function ProblemText({ problem }: { problem: Problem | undefined }) {
  if (!problem) return null;
  if (typeof problem === 'string') return <>{problem}</>;
  if (problem.code !== 'policy-forbidden') return <>{errorText(problem)}</>;
  return (
    <>
      {errorText(problem)} {problem.message && <PolicyKeyName name={problem.message} />} <HelpLink />
    </>
  );
}
