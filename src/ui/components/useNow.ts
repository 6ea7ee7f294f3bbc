import { useEffect, useState } from 'preact/hooks';

/**
 * This computer's time, redrawn a few ms past each whole second, so codes and rings change on the
 * right tick (clock corrections are whole seconds; each account adds its own, see `../code-time`).
 */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        1005 - (Date.now() % 1000),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
  return now;
}
