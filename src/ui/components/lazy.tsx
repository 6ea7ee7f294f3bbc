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
    useEffect(() => {
      if (!loaded) void preload().then(() => setReady(true));
    }, []);
    const View = loaded;
    return View ? <View {...props} /> : null;
  }
  return Object.assign(Lazy, { preload });
}
