import type { Policy } from '../../core/policy/keys';
import { t } from '../i18n';

/** The organisation's help page and help desk, when it named them: beside its rules and refusals. */
export function OrgHelp({ policy, class: extra }: { policy: Policy; class?: string }) {
  const { helpUrl, supportContact } = policy;
  if (!helpUrl && !supportContact) return null;
  return (
    <p class={extra ? `org-help ${extra}` : 'org-help'}>
      {helpUrl && (
        // noreferrer: the organisation's site learns nothing of the extension page it came from.
        <a class="link" href={helpUrl} target="_blank" rel="noreferrer">
          {t('org_help')}
        </a>
      )}
      {supportContact && <span>{t('org_contact', supportContact)}</span>}
    </p>
  );
}
