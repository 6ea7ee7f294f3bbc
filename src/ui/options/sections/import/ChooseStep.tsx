import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { type Problem, ProblemText } from '../../policy-notes';

interface Props {
  file: File | undefined;
  text: string;
  /** Paragraphs: what is wrong, then what to do about it. */
  error: Problem[];
  busy: boolean;
  onFile: (file: File | undefined) => void;
  onText: (text: string) => void;
  onContinue: () => void;
}

/**
 * The file, chosen or dropped on the zone, or text pasted beside it. The zone keeps its drops to
 * itself: the QR image section listens for files dropped anywhere else on the page.
 */
export function ChooseStep({ file, text, error, busy, onFile, onText, onContinue }: Props) {
  const [over, setOver] = useState(false);
  const errorId = useId();
  const pasteId = useId();
  const pasteHintId = useId();
  const zone = useRef<HTMLDivElement>(null);
  const chosen = useRef(onFile);
  chosen.current = onFile;

  useEffect(() => {
    const element = zone.current;
    if (!element) return;
    const hold = (event: DragEvent) => {
      event.preventDefault();
      event.stopPropagation();
    };
    const onDragOver = (event: DragEvent) => {
      hold(event);
      setOver(true);
    };
    const onDragLeave = (event: DragEvent) => {
      event.stopPropagation();
      if (!element.contains(event.relatedTarget as Node | null)) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      hold(event);
      setOver(false);
      const dropped = event.dataTransfer?.files[0];
      if (dropped) chosen.current(dropped);
    };
    element.addEventListener('dragover', onDragOver);
    element.addEventListener('dragleave', onDragLeave);
    element.addEventListener('drop', onDrop);
    return () => {
      element.removeEventListener('dragover', onDragOver);
      element.removeEventListener('dragleave', onDragLeave);
      element.removeEventListener('drop', onDrop);
    };
  }, []);

  const described = error.length > 0 ? errorId : undefined;

  return (
    <div class="form">
      <div class="import-sources">
        <div ref={zone} class={over ? 'drop drop-file is-over' : 'drop drop-file'}>
          <svg class="icon" width="36" height="36" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M12 17v-6M9 14l3 3 3-3"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
          </svg>
          <span class="drop-text">{t('restore_drop')}</span>
          <label class="btn file-button">
            {/* No `accept`: exports end in .json, .2fas, .bin, .xml, .csv, .txt… and are told by content. */}
            <input
              type="file"
              class="sr-only"
              aria-describedby={described}
              onChange={(event) => {
                onFile(event.currentTarget.files?.[0]);
                // Choosing the same file again must count again.
                event.currentTarget.value = '';
              }}
            />
            {t('options_choose')}
          </label>
          <span class="field-hint" aria-live="polite">
            {file ? t('restore_chosen', file.name) : ''}
          </span>
        </div>
        <div class="field import-paste">
          <label class="field-label" for={pasteId}>
            {t('import_paste_label')}
          </label>
          <textarea
            id={pasteId}
            rows={5}
            spellcheck={false}
            autocomplete="off"
            value={text}
            aria-describedby={described ? `${pasteHintId} ${described}` : pasteHintId}
            onInput={(event) => onText(event.currentTarget.value)}
          />
          <span id={pasteHintId} class="field-hint">
            {t('import_paste_hint')}
          </span>
        </div>
      </div>
      <div id={errorId} class="error import-problem" role="alert">
        {error.map((paragraph, i) => (
          <p
            key={typeof paragraph === 'string' ? paragraph : paragraph.code}
            class={i > 0 ? 'import-problem-detail' : undefined}
          >
            <ProblemText problem={paragraph} />
          </p>
        ))}
      </div>
      <p class="notice" role="status">
        {busy ? t('restore_reading') : ''}
      </p>
      <button type="button" class="btn btn-primary" disabled={busy} onClick={onContinue}>
        {t('restore_continue')}
      </button>
    </div>
  );
}
