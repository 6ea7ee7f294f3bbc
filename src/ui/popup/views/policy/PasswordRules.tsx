import type { Policy } from '../../../../core/policy/keys';
import { t } from '../../../i18n';
import { localText } from '../../../policy';
import { minPasswordLength } from '../../password-rules';

/** What a new password must be, said before any typing, so nobody learns the rules by being refused. */
export function PasswordRules({ policy, id }: { policy: Policy; id?: string }) {
  const hint = policy.passwordPatternHint;
  return (
    <ul class="org-rules" id={id}>
      <li>{t('org_rule_min', String(minPasswordLength(policy)))}</li>
      {policy.passwordPattern !== undefined && <li>{hint ? localText(hint) : t('org_rule_pattern')}</li>}
    </ul>
  );
}
