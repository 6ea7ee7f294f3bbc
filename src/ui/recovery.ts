import type { RecoveryCode } from '../core/account';

/**
 * Services show recovery codes in columns, on lines or comma-separated; people paste all of it.
 * Codes already in the list are skipped, so pasting the same sheet twice does no harm.
 */
export function parseRecoveryCodes(text: string, existing: readonly RecoveryCode[] = []): RecoveryCode[] {
  const seen = new Set(existing.map((entry) => entry.code));
  const added: RecoveryCode[] = [];
  for (const code of text.split(/[\s,;]+/u)) {
    if (!code || seen.has(code)) continue;
    seen.add(code);
    added.push({ code, used: false });
  }
  return added;
}
