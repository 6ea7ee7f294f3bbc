import { useEffect, useState } from 'preact/hooks';
import { codeTime } from '../code-time';

/** The code time, redrawn a few ms past each whole second, so codes and rings change on the right tick. */
export function useNow(): number {
  const [now, setNow] = useState(codeTime);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(codeTime());
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
