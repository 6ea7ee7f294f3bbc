import { POLICY_KEYS, type Policy, type PolicyKey } from './keys';

export interface PolicyWarning {
  key: string;
  problem: string;
}

function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(POLICY_KEYS, key);
}

/**
 * Reads what the browser's managed storage holds. Each unusable value is ignored on its own, with a
 * warning for the "Organisation policy" view: one typo must not switch off the rest of the policy or
 * crash the worker. Never throws.
 */
export function parsePolicy(raw: unknown): { policy: Policy; warnings: PolicyWarning[] } {
  const policy: Record<string, unknown> = {};
  const warnings: PolicyWarning[] = [];
  if (raw === undefined || raw === null) return { policy, warnings };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push({ key: '', problem: 'the policy is not an object of keys and values' });
    return { policy, warnings };
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!isPolicyKey(key)) {
      warnings.push({ key, problem: 'unknown key (check the spelling; keys are case-sensitive)' });
      continue;
    }
    const checked = POLICY_KEYS[key].check(value);
    if (!checked.ok) {
      warnings.push({ key, problem: `${checked.problem}; ignored` });
      continue;
    }
    policy[key] = checked.value;
    for (const note of checked.notes ?? []) warnings.push({ key, problem: `${note}; ignored` });
  }
  if (policy.passwordPatternHint !== undefined && policy.passwordPattern === undefined) {
    warnings.push({ key: 'passwordPatternHint', problem: 'has no effect without a valid passwordPattern' });
  }
  return { policy: policy as Policy, warnings };
}
