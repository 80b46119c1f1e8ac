/** The current route, following the address's hash. */
import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './hash-route.ts';

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}
