import { useEffect, useId, useState } from 'preact/hooks';
import { WarningIcon } from '../../../components/icons';
import { t } from '../../../i18n';
import { protectStorage } from '../../../storage-protection';

/** Says whether the browser may throw the vault away to free space; silent until it knows. */
export function StorageSection() {
  const [safe, setSafe] = useState<boolean>();
  const titleId = useId();
  useEffect(() => {
    // A failed check is reported as "not protected": telling people to keep a backup is the safe side.
    protectStorage().then(setSafe, () => setSafe(false));
  }, []);
  if (safe === undefined) return null;
  return (
    <section class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('storage_section')}</h2>
      {safe ? (
        <p class="note">{t('storage_protected')}</p>
      ) : (
        <p class="warning">
          <WarningIcon />
          <span>{t('storage_unprotected')}</span>
        </p>
      )}
    </section>
  );
}
