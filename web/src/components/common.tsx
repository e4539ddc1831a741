// Pieces every page uses: data fetching with a cache (so back/forward renders at once and the
// scroll position can be restored), loading and error states, the document title.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { useT } from '../i18n';

const cache = new Map<string, unknown>();
const kCacheSize = 60;

export interface Fetched<T> { data: T | null; error: ApiError | null; loading: boolean; reload: () => void }

/** GETs `url` (null: nothing) and re-renders with the result; responses are cached by URL. */
export function useFetch<T>(url: string | null, options: { cache?: boolean } = {}): Fetched<T> {
  const useCache = options.cache !== false;
  const cached = url && useCache ? (cache.get(url) as T | undefined) : undefined;
  const [state, setState] = useState<{ url: string | null; data: T | null; error: ApiError | null }>({
    url, data: cached ?? null, error: null,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!url) return;
    const hit = useCache ? (cache.get(url) as T | undefined) : undefined;
    if (hit !== undefined && generation === 0) {
      setState({ url, data: hit, error: null });
      return;
    }
    setState((previous) => ({ url, data: previous.url === url ? previous.data : null, error: null }));
    const controller = new AbortController();
    get<T>(url, { signal: controller.signal })
      .then((data) => {
        if (useCache) {
          cache.set(url, data);
          if (cache.size > kCacheSize) cache.delete(cache.keys().next().value as string);
        }
        setState({ url, data, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ url, data: null, error: error instanceof ApiError ? error : new ApiError(0, String(error)) });
      });
    return () => controller.abort();
  }, [url, generation]);
  const current = state.url === url ? state : { data: cached ?? null, error: null };
  return {
    data: current.data,
    error: current.error,
    loading: !!url && current.data === null && current.error === null,
    reload: () => {
      if (url) cache.delete(url);
      setGeneration((value) => value + 1);
    },
  };
}

export function forgetCached(prefix: string): void {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

export function useTitle(title: string | null | undefined): void {
  const t = useT();
  useEffect(() => {
    document.title = title ? `${title} — ${t('site.name')}` : `${t('site.name')} — ${t('site.tagline')}`;
  }, [title, t('site.name')]);
}

export function Loading() {
  const t = useT();
  return <p class="loading" role="status"><span class="spinner" aria-hidden="true" />{t('common.loading')}</p>;
}

export function ErrorBox({ error, children }: { error: ApiError | Error | null; children?: ComponentChildren }) {
  const t = useT();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const message = status === 404 ? t('error.notFound')
    : status === 401 ? t('error.signIn')
    : status === 403 ? t('error.forbidden')
    : status === 0 ? t('error.network')
    : t('error.server');
  return (
    <div class="error" role="alert">
      <p><strong>{message}</strong></p>
      {error.message && status !== 404 && status !== 403 && <p class="muted">{error.message}</p>}
      {children}
    </div>
  );
}

/** The app URL of a record page. */
export function recordHref(id: string): string {
  return `/records/${id}`;
}

export function Icon({ name, size = 20 }: { name: 'search' | 'grid' | 'list' | 'close' | 'download' | 'copy' | 'chevron' | 'zoomIn' | 'zoomOut' | 'home' | 'full' | 'menu' | 'user'; size?: number }) {
  const paths: Record<string, string> = {
    search: 'M10.5 3a7.5 7.5 0 015.9 12.1l4.3 4.3-1.4 1.4-4.3-4.3A7.5 7.5 0 1110.5 3zm0 2a5.5 5.5 0 100 11 5.5 5.5 0 000-11z',
    grid: 'M3 3h8v8H3zm10 0h8v8h-8zM3 13h8v8H3zm10 0h8v8h-8z',
    list: 'M3 5h18v2H3zm0 6h18v2H3zm0 6h18v2H3z',
    close: 'M6.4 5L12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z',
    download: 'M11 3h2v9.6l3.3-3.3 1.4 1.4L12 16.4l-5.7-5.7 1.4-1.4 3.3 3.3zM4 18h16v2H4z',
    copy: 'M8 3h11v13h-2V5H8zM5 7h10v14H5zm2 2v10h6V9z',
    chevron: 'M9 6l6 6-6 6-1.4-1.4 4.6-4.6-4.6-4.6z',
    zoomIn: 'M10.5 3a7.5 7.5 0 015.9 12.1l4.3 4.3-1.4 1.4-4.3-4.3A7.5 7.5 0 1110.5 3zm0 2a5.5 5.5 0 100 11 5.5 5.5 0 000-11zM9.5 7.5h2v2h2v2h-2v2h-2v-2h-2v-2h2z',
    zoomOut: 'M10.5 3a7.5 7.5 0 015.9 12.1l4.3 4.3-1.4 1.4-4.3-4.3A7.5 7.5 0 1110.5 3zm0 2a5.5 5.5 0 100 11 5.5 5.5 0 000-11zM7.5 9.5h6v2h-6z',
    home: 'M12 3l9 8h-3v9h-5v-6h-2v6H6v-9H3z',
    full: 'M3 3h7v2H5v5H3zm11 0h7v7h-2V5h-5zM3 14h2v5h5v2H3zm16 0h2v7h-7v-2h5z',
    menu: 'M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z',
    user: 'M12 3a4.5 4.5 0 110 9 4.5 4.5 0 010-9zm0 11c4.4 0 8 2 8 4.5V21H4v-2.5C4 16 7.6 14 12 14z',
  };
  return <svg class="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d={paths[name]} fill="currentColor" /></svg>;
}

/** Keeps only <mark> from the server's snippet HTML; everything else becomes text. */
export function SafeSnippet({ html }: { html: string }) {
  const parts: (string | { mark: string })[] = [];
  const decoded = (text: string) => {
    const element = document.createElement('textarea');
    element.innerHTML = text;
    return element.value;
  };
  const pattern = /<mark>(.*?)<\/mark>/gs;
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    parts.push(decoded(html.slice(last, match.index).replace(/<[^>]*>/g, '')));
    parts.push({ mark: decoded(match[1].replace(/<[^>]*>/g, '')) });
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(decoded(html.slice(last).replace(/<[^>]*>/g, '')));
  return <>{parts.map((part) => (typeof part === 'string' ? part : <mark>{part.mark}</mark>))}</>;
}
