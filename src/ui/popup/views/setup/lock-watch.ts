import { useEffect, useRef } from 'preact/hooks';
import { send } from '../../../../messaging/client';

/** Often enough that a lock elsewhere hides the key within a second; vault.status reads no account. */
const POLL_MS = 1000;

/**
 * The worker tells no page that it locked (auto-lock, screen lock, the Lock button in another
 * window): a page learns it when its next request is refused. A view showing a secret cannot wait
 * for that, so while `active` it asks. vault.status is not a use of the vault, so asking does not
 * hold off auto-lock.
 */
export function useLockWatch(active: boolean, onLocked: () => void): void {
  const latest = useRef(onLocked);
  latest.current = onLocked;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const check = async () => {
      const status = await send('vault.status', {});
      if (stopped) return;
      const locked = status.ok ? status.value.state === 'locked' : status.error.code === 'locked';
      if (locked) latest.current();
    };
    const timer = setInterval(() => void check(), POLL_MS);
    // Coming back to the window is when a user would look again: check then, not a second later.
    const onReturn = () => {
      if (document.visibilityState === 'visible') void check();
    };
    document.addEventListener('visibilitychange', onReturn);
    window.addEventListener('focus', onReturn);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onReturn);
      window.removeEventListener('focus', onReturn);
    };
  }, [active]);
}
