import type { PolicyAnswer, PolicyQuestion } from '../core/policy/questions';

/**
 * The organisation's answer to each policy question, asked by the router before any guarded handler
 * runs (see the slices in `src/messaging/messages/`). Until enterprise policy lands every answer is
 * "allowed"; that work fills in this one function and every guarded message is covered.
 */
export async function askPolicy(_question: PolicyQuestion, _request: unknown): Promise<PolicyAnswer> {
  return { allowed: true };
}
