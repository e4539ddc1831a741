// Loads a page's module on first use (the viewer, the Kurultai and the curator's screens are
// chunks of their own, so the search page's script stays small).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './components/common';

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function Lazy(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (loaded) return;
      load().then((module) => {
        loaded = module;
        setComponent(() => module);
      });
    }, []);
    const Component = component;
    return Component ? <Component {...props} /> : <Loading />;
  };
}
