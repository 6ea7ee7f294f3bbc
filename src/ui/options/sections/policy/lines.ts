import {
  type LocalText,
  POLICY_KEY_NAMES,
  POLICY_KEYS,
  type Policy,
  type PolicyKey,
} from '../../../../core/policy/keys';

export interface PolicyLine {
  key: PolicyKey;
  text: string;
}

/** Who to ask, shown after the rules rather than among them. */
const HELP_KEYS: readonly PolicyKey[] = ['helpUrl', 'supportContact'];

/**
 * Each key in force in the user's words (the texts live with the keys, in keys.ts), in the order
 * keys.ts lists them, so the page and the admin guide read alike.
 */
export function policyLines(
  policy: Policy,
  local: (text: LocalText) => string,
): { rules: PolicyLine[]; help: PolicyLine[] } {
  const lines = POLICY_KEY_NAMES.flatMap((key): PolicyLine[] => {
    const value = policy[key];
    if (value === undefined) return [];
    // Each key's text takes its own value type; Policy pairs them, which TypeScript cannot follow here.
    const user = POLICY_KEYS[key].user as (value: unknown) => LocalText;
    return [{ key, text: local(user(value)) }];
  });
  return {
    rules: lines.filter((line) => !HELP_KEYS.includes(line.key)),
    help: lines.filter((line) => HELP_KEYS.includes(line.key)),
  };
}

/** The text around the first `part` in it, so the part can be drawn as a link; undefined without one. */
export function splitAt(text: string, part: string): [string, string] | undefined {
  const at = text.indexOf(part);
  return at < 0 ? undefined : [text.slice(0, at), text.slice(at + part.length)];
}
