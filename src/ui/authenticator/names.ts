import { t } from '../i18n';
import type { CeremonyProblem } from './ceremony';

/** What Settings calls a new authenticator: by what it is, numbered when there is one already. */
export function authenticatorName(
  attachment: 'platform' | 'cross-platform' | undefined,
  taken: string[],
): string {
  const agent = navigator.userAgent;
  const base =
    attachment !== 'platform'
      ? t('authenticator_name_key')
      : /Windows/.test(agent)
        ? t('authenticator_name_windows')
        : /Mac OS X|Macintosh/.test(agent)
          ? t('authenticator_name_mac')
          : t('authenticator_name_platform');
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

export function ceremonyProblemText(problem: CeremonyProblem): string {
  switch (problem) {
    case 'unsupported':
      return t('authenticator_unsupported');
    case 'no-prf':
      return t('authenticator_no_prf');
    case 'cancelled':
      return t('authenticator_cancelled');
    case 'failed':
      return t('authenticator_failed');
  }
}

/** Security keys may skip the PIN only where the organisation allows it (`requireUserVerification`). */
export const userVerificationFor = (
  requireUserVerification: boolean | undefined,
): UserVerificationRequirement => (requireUserVerification === false ? 'preferred' : 'required');
