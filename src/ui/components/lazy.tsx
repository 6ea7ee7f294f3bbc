import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type LazyView<P> = ComponentType<P> & { preload(): Promise<unknown> };

/**
 * A view whose code is fetched the first time it is needed, so the popup parses only the list at
 * start. `preload` fetches it ahead (the shell calls it once the codes are on screen), so a click
 * still finds it ready; preact/compat's `lazy` would cost more bytes than it saves.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    loading ??= load().then((view) => (loaded = view));
    return loading;
  };
  function Lazy(props: P) {
    const [, setReady] = useState(false);
    const View = loaded;
    useEffect(() => {
      // What this render lacked, not what is there now: a preload may land between render and effect,
      // and then nothing else would draw the view (a dialog asked for would never show).
      if (!View) void preload().then(() => setReady(true));
    }, []);
    return View ? <View {...props} /> : null;
  }
  return Object.assign(Lazy, { preload });
}
