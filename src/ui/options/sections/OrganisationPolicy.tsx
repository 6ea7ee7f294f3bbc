import type { PolicyWarning } from '../../../core/policy/parse';
import { WarningIcon } from '../../components/icons';
import { t } from '../../i18n';
import { pageText, usePagePolicy } from '../page-policy';
import { PolicyKeyName } from '../policy-notes';
import { type PolicyLine, policyLines, splitAt } from './policy/lines';

/**
 * What the organisation's policy sets, in the user's words, each with its key for the help desk;
 * then what it holds that Tweestap ignores, for the admin. Absent when there is no policy at all:
 * most people have none, and a card saying so would only raise questions. Redraws on every policy
 * change, as the page's policy does.
 */
export function OrganisationPolicy() {
  const { policy, warnings } = usePagePolicy();
  if (Object.keys(policy).length === 0 && warnings.length === 0) return null;
  const { rules, help } = policyLines(policy, pageText);
  const inForce = rules.length + help.length > 0;
  return (
    <section id="policy" class="card org-policy" aria-labelledby="policy-title">
      <h2 id="policy-title">{t('options_policy_title')}</h2>
      <p class="muted">{t(inForce ? 'options_policy_intro' : 'options_policy_nothing_used')}</p>
      {rules.length > 0 && (
        <ul class="policy-lines">
          {rules.map((line) => (
            <Line key={line.key} line={line} />
          ))}
        </ul>
      )}
      {help.length > 0 && (
        <ul class="policy-lines policy-help">
          {help.map((line) => (
            <Line key={line.key} line={line} link={line.key === 'helpUrl' ? policy.helpUrl : undefined} />
          ))}
        </ul>
      )}
      {warnings.length > 0 && <Ignored warnings={warnings} />}
    </section>
  );
}

function Line({ line, link }: { line: PolicyLine; link?: string }) {
  const around = link ? splitAt(line.text, link) : undefined;
  return (
    <li>
      <span class="policy-text">
        {around && link ? (
          <>
            {around[0]}
            <a class="link" href={link} target="_blank" rel="noopener noreferrer">
              {link}
            </a>
            {around[1]}
          </>
        ) : (
          line.text
        )}
      </span>
      <PolicyKeyName name={line.key} />
    </li>
  );
}

/** Warnings come from parse.ts in English: they are for the admin, who reads them as the guide writes them. */
function Ignored({ warnings }: { warnings: PolicyWarning[] }) {
  return (
    <div class="warning policy-ignored">
      <WarningIcon />
      <div>
        <h3 id="policy-ignored-title">{t('options_policy_ignored_title')}</h3>
        <p>{t('options_policy_ignored_intro')}</p>
        <ul aria-labelledby="policy-ignored-title">
          {warnings.map(({ key, problem }) => (
            <li key={`${key} ${problem}`}>
              {key && (
                <>
                  <PolicyKeyName name={key} />:{' '}
                </>
              )}
              <span lang="en">{problem}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
