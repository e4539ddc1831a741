// Client-side navigation over the History API: the current location as a Store, link clicks
// inside the app turned into pushState, and the scroll position kept per history entry so that
// back and forward return to the same place in a list.
import { Store } from './store';

export interface Location {
  path: string;
  query: URLSearchParams;
  /** Set when the location came from back/forward: the scroll position to restore. */
  restoreScroll: number | null;
}

function current(restoreScroll: number | null): Location {
  return { path: decodeURI(window.location.pathname), query: new URLSearchParams(window.location.search), restoreScroll };
}

export const location = new Store<Location>(current(null));

function rememberScroll(): void {
  const state = { ...(history.state ?? {}), scroll: window.scrollY };
  history.replaceState(state, '');
}

/** Goes to an app URL ("/search?q=x"); `replace` changes the entry instead of adding one. */
export function navigate(url: string, options: { replace?: boolean; state?: Record<string, unknown> } = {}): void {
  const state = { ...options.state, scroll: 0 };
  if (options.replace) {
    history.replaceState(state, '', url);
  } else {
    rememberScroll();
    history.pushState(state, '', url);
  }
  location.set(current(null));
  if (!options.replace) window.scrollTo(0, 0);
}

/** Paths the server answers itself: links to them are followed by the browser. */
function isServerPath(path: string): boolean {
  return /^\/(api|iiif|oai|healthz|metrics|sitemap\.xml)(\/|$)/.test(path);
}

export function startRouter(): void {
  history.scrollRestoration = 'manual';
  window.addEventListener('popstate', (event) => {
    location.set(current(typeof event.state?.scroll === 'number' ? event.state.scroll : 0));
  });
  let pending = 0;
  window.addEventListener('scroll', () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(rememberScroll, 150);
  }, { passive: true });
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.dataset.external !== undefined) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || isServerPath(url.pathname)) return;
    event.preventDefault();
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) {
      document.getElementById(decodeURIComponent(url.hash.slice(1)))?.focus();
      return;
    }
    navigate(url.pathname + url.search + url.hash);
  });
}

/** "/search" + {q: "x", filter: ["a", "b"]} -> "/search?q=x&filter=a&filter=b" (empty values left out). */
export function href(path: string, params: Record<string, string | string[] | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    for (const item of Array.isArray(value) ? value : [String(value)]) query.append(name, item);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
