import { useId } from 'preact/hooks';
import type { SkippedEntry } from '../../../../core/formats/importer';
import { t, tCount } from '../../../i18n';
import { skippedText } from './texts';

/** What the file holds that will not be imported, each with why: nothing is dropped unsaid. */
export function SkippedList({ skipped }: { skipped: SkippedEntry[] }) {
  const titleId = useId();
  return (
    <section class="import-skipped" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('import_skipped_title')}</h4>
      <p>{tCount('import_skipped_count', skipped.length)}</p>
      <ul>
        {skipped.map((entry, index) => (
          <li key={index}>{skippedText(entry)}</li>
        ))}
      </ul>
    </section>
  );
}
