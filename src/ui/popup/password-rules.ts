import type { ProtocolError } from '../../core/errors';
import { passwordProblem } from '../../core/policy/effective';
import type { Policy } from '../../core/policy/keys';
import { errorText, t } from '../i18n';
import { localText } from '../policy';
import { MIN_PASSWORD_LENGTH } from '../strength';

/** The shortest new password allowed: Tweestap's own floor, or the organisation's if it is higher. */
export const minPasswordLength = (policy: Policy): number =>
  Math.max(MIN_PASSWORD_LENGTH, policy.passwordMinLength ?? 0);

function tooShort(policy: Policy): string {
  const min = String(minPasswordLength(policy));
  return (policy.passwordMinLength ?? 0) > MIN_PASSWORD_LENGTH
    ? t('org_password_too_short', min)
    : t('password_too_short', min);
}

function patternText(policy: Policy): string {
  const hint = policy.passwordPatternHint;
  return hint ? t('org_password_pattern', localText(hint)) : t('org_password_pattern_plain');
}

/**
 * What is wrong with a new password, checked as the worker will check it, so the user hears it
 * before sending and in the same words; undefined when it may be sent.
 */
export function newPasswordProblem(password: string, policy: Policy): string | undefined {
  const problem = passwordProblem(password, policy);
  if (password.length < MIN_PASSWORD_LENGTH || problem?.key === 'passwordMinLength') return tooShort(policy);
  if (problem) return patternText(policy);
  return undefined;
}

/** The worker's refusal of a new password: its own rules in the words used above, anything else as usual. */
export function passwordRefusal(error: ProtocolError, policy: Policy): string {
  if (error.code === 'policy-forbidden' && error.message === 'passwordMinLength') return tooShort(policy);
  if (error.code === 'policy-forbidden' && error.message === 'passwordPattern') return patternText(policy);
  return errorText(error);
}
