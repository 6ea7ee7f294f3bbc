import { useEffect, useRef, useState } from 'preact/hooks';
import { dismissToast, subscribeToast, type ToastMessage } from '../toast';

/**
 * The live region exists from the start (a region added together with its text is often not
 * read); each message gets a fresh node, so "Copied" twice is announced twice.
 */
export function Toast() {
  const [toast, setToast] = useState<ToastMessage>();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => subscribeToast(setToast), []);

  useEffect(() => {
    if (!toast) return;
    let timer: ReturnType<typeof setTimeout>;
    const expire = () => {
      // Never pull the Undo button from under someone who is on it.
      if (box.current?.contains(document.activeElement) || box.current?.matches(':hover')) {
        timer = setTimeout(expire, 1500);
      } else {
        dismissToast(toast.id);
      }
    };
    timer = setTimeout(expire, toast.durationMs);
    return () => clearTimeout(timer);
  }, [toast]);

  return (
    <div class="toast-region" role="status">
      {toast && (
        <div class="toast" key={toast.id} ref={box}>
          <span>{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              class="toast-action"
              onClick={() => {
                dismissToast(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
