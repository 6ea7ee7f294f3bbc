import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { makeRoomFor } from '../popup-room';

export interface Question {
  title: string;
  body: string;
  confirmLabel: string;
  /** false for Cancel and Escape. */
  onAnswer: (yes: boolean) => void;
}

/** A native modal dialog: it traps focus, closes on Escape and restores focus by itself. */
export function ConfirmDialog(props: Question) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useLayoutEffect(() => {
    const element = dialog.current!;
    element.showModal();
    // Opened scrolled to its focused button, a dialog in a short popup would hide its title and the
    // sites it names: the page grows to hold it, and it starts at its top.
    const release = makeRoomFor(element, { centred: true });
    element.scrollTop = 0;
    return () => {
      element.close();
      release();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        props.onAnswer(false);
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p id={bodyId}>{props.body}</p>
      <div class="dialog-buttons">
        {/* Cancel comes first and gets focus: deleting should take a deliberate second step. */}
        <button type="button" class="btn" autofocus onClick={() => props.onAnswer(false)}>
          {t('cancel')}
        </button>
        <button type="button" class="btn btn-danger" onClick={() => props.onAnswer(true)}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
