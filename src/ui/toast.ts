/**
 * One message at a time, shown by <Toast/> in a polite live region. Plain module state rather
 * than context, so stubs like `fillIn` can speak without being handed anything.
 */
export interface ToastMessage {
  id: number;
  text: string;
  action?: { label: string; run: () => void };
  durationMs: number;
}

type Listener = (toast: ToastMessage | undefined) => void;

let current: ToastMessage | undefined;
let nextId = 1;
const listeners = new Set<Listener>();

export function showToast(
  text: string,
  options: { action?: ToastMessage['action']; durationMs?: number } = {},
): number {
  current = { id: nextId++, text, action: options.action, durationMs: options.durationMs ?? 4000 };
  for (const listener of listeners) listener(current);
  return current.id;
}

/** Clears the message only if it is still `id`, so an old timer cannot hide a newer message. */
export function dismissToast(id: number): void {
  if (current?.id !== id) return;
  current = undefined;
  for (const listener of listeners) listener(undefined);
}

/**
 * Clears whatever is shown: a message belongs to the view it was said in ("Code copied" must not
 * follow the user into Settings). Called as the view changes, before the new view says anything.
 */
export function clearToast(): void {
  if (current) dismissToast(current.id);
}

export function subscribeToast(listener: Listener): () => void {
  listeners.add(listener);
  listener(current);
  return () => listeners.delete(listener);
}
