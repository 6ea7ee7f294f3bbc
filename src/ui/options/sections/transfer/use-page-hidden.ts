import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `onHidden` when the page stops being visible (another tab, a minimised window, a locked
 * screen): codes that hold secrets should not wait on an unattended screen for the next passer-by.
 */
export function usePageHidden(onHidden: () => void): void {
  const latest = useRef(onHidden);
  latest.current = onHidden;
  useEffect(() => {
    const onChange = () => {
      if (document.visibilityState === 'hidden') latest.current();
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
}
