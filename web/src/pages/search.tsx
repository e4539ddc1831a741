// Search results: facets (with the decade histogram), filters as removable chips, sort, list or
// grid, paging by cursor, and "did you mean". The URL holds the whole state (q, filter, sort,
// view, cursor), so every state can be shared, reloaded and returned to with back/forward.
import type { SearchResult } from '../api';
import { RecordCard, RecordRow } from '../components/cards';
import { ErrorBox, Icon, Loading, useFetch, useTitle } from '../components/common';
import { DecadeHistogram, FacetList, FilterChips, facetNames, facetTitleKey, valueLabel } from '../components/facets';
import { lang, useT } from '../i18n';
import { href, navigate } from '../router';
import { useStore } from '../store';

const kPageSize = 20;
const sorts = ['relevance', 'date', '-date', 'title'] as const;

export function SearchPage({ query }: { query: URLSearchParams }) {
  const t = useT();
  const language = useStore(lang);
  const q = query.get('q') ?? '';
  const filters = query.getAll('filter');
  const sort = query.get('sort') ?? 'relevance';
  const view = query.get('view') === 'grid' ? 'grid' : 'list';
  const cursor = query.get('cursor');
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  useTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  const state = { q, filter: filters, sort: sort === 'relevance' ? null : sort, view: view === 'list' ? null : view };
  const link = (changes: Partial<Record<string, string | string[] | number | null>>) => href('/search', { ...state, ...changes });
  const toggle = (filter: string) => link({ filter: filters.includes(filter) ? filters.filter((item) => item !== filter) : [...filters, filter] });

  const api = href('/api/v1/search', {
    q, filter: filters, sort, lang: language, cursor, limit: kPageSize, facet: [...facetNames],
  });
  const result = useFetch<SearchResult>(api);
  const data = result.data;

  const labels: Record<string, string> = {};
  for (const [facet, values] of Object.entries(data?.facets ?? {})) {
    for (const value of values ?? []) labels[`${facet}:${value.value}`] = valueLabel(facet, value, t);
  }
  for (const filter of filters) {
    const [facet] = filter.split(':', 1);
    labels[filter] ??= valueLabel(facet, { value: filter.slice(facet.length + 1) }, t);
  }

  const first = (page - 1) * kPageSize + 1;
  const shown = data ? Math.min(data.total, first + data.hits.length - 1) : 0;
  return (
    <div class="search-page">
      <h1 tabIndex={-1}>{q ? t('search.titleFor', { q }) : t('search.title')}</h1>
      <FilterChips filters={filters} labels={labels} removeLink={toggle} clearLink={link({ filter: [] })} />
      <div class="search-layout">
        <aside class="facets" aria-label={t('search.refine')}>
          <details open={typeof window === 'undefined' || window.innerWidth > 800}>
            <summary>{t('search.refine')}</summary>
            {data && facetNames.map((name) => {
              const values = data.facets?.[name] ?? [];
              if (values.length === 0) return null;
              const active = filters.filter((filter) => filter.startsWith(`${name}:`));
              return (
                <section class="facet" aria-labelledby={`facet-${name}`} data-testid={`facet-${name}`}>
                  <h2 id={`facet-${name}`}>{t(facetTitleKey(name))}</h2>
                  {name === 'decade'
                    ? <DecadeHistogram values={values} active={active} link={toggle} />
                    : <FacetList name={name} values={values} active={active} link={toggle} />}
                </section>
              );
            })}
          </details>
        </aside>
        <section class="results" aria-labelledby="results-summary">
          <div class="results-bar">
            <p id="results-summary" role="status" aria-live="polite">
              {data ? (data.total === 0 ? t('search.none') : t('search.summary', { first, last: shown, total: data.total })) : ''}
            </p>
            <label class="sort">
              {t('search.sort')}{' '}
              <select value={sort} onChange={(event) => navigate(link({ sort: (event.target as HTMLSelectElement).value, cursor: null, page: null }))}>
                {sorts.map((name) => <option value={name}>{t(`sort.${name}` as never)}</option>)}
              </select>
            </label>
            <div class="view-switch" role="group" aria-label={t('search.view')}>
              <a href={link({ view: null, cursor, page: page > 1 ? page : null })} aria-current={view === 'list' ? 'true' : undefined} title={t('search.list')}>
                <Icon name="list" /><span class="visually-hidden">{t('search.list')}</span>
              </a>
              <a href={link({ view: 'grid', cursor, page: page > 1 ? page : null })} aria-current={view === 'grid' ? 'true' : undefined} title={t('search.grid')}>
                <Icon name="grid" /><span class="visually-hidden">{t('search.grid')}</span>
              </a>
            </div>
          </div>
          {data?.suggestion && (
            <p class="suggestion">{t('search.didYouMean')} <a href={link({ q: data.suggestion })} data-testid="suggestion">{data.suggestion}</a>?</p>
          )}
          {result.loading && <Loading />}
          <ErrorBox error={result.error} />
          {data && data.total === 0 && <div class="empty"><p>{t('search.noneHelp')}</p></div>}
          {data && (view === 'grid'
            ? <ul class="cards" data-testid="results">{data.hits.map((hit) => <RecordCard data={hit} />)}</ul>
            : <ul class="rows" data-testid="results">{data.hits.map((hit) => <RecordRow data={hit} />)}</ul>)}
          {data && (page > 1 || data.next) && (
            <nav class="pager" aria-label={t('search.pages')}>
              {page > 1 && (
                <a href={link({ cursor: null, page: null })} rel="first">{t('search.firstPage')}</a>
              )}
              {page > 1 && history.state?.fromPage === page - 1 && (
                <button type="button" class="link" onClick={() => history.back()}>{t('search.previous')}</button>
              )}
              <span>{t('search.page', { n: page })}</span>
              {data.next && (
                <a href={link({ cursor: data.next, page: page + 1 })} rel="next" onClick={(event) => {
                  event.preventDefault();
                  navigate(link({ cursor: data.next, page: page + 1 }), { state: { fromPage: page } });
                }}>{t('search.next')}</a>
              )}
            </nav>
          )}
        </section>
      </div>
    </div>
  );
}
