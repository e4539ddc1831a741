// Home: the search box, the collections, records with images, and what was added lately.
import type { Page, SearchResult, Summary } from '../api';
import { CollectionCards, RecordCard } from '../components/cards';
import { Loading, useFetch, useTitle } from '../components/common';
import { SearchBox } from '../components/layout';
import { lang, useT } from '../i18n';
import { href } from '../router';
import { useStore } from '../store';

function weekAgo(): string {
  const date = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  return date.toISOString().slice(0, 10) + 'T00:00:00Z';
}

export function Home() {
  const t = useT();
  const language = useStore(lang);
  useTitle(null);
  const collections = useFetch<Page<Summary>>('/api/v1/records?kind=collection&limit=12');
  const featured = useFetch<SearchResult>(href('/api/v1/search', { filter: 'has_images:true', limit: 8, lang: language, sort: 'relevance' }));
  const recent = useFetch<Page<Summary>>(href('/api/v1/records', { modified_since: weekAgo(), limit: 8 }));
  return (
    <div class="home">
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title" tabIndex={-1}>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <SearchBox large />
        <p class="examples">{t('home.try')}{' '}
          {['домбыра', 'ою-өрнек', 'Семей', 'хат'].map((example, index) => (
            <>{index > 0 && ', '}<a href={href('/search', { q: example })} lang="kk">{example}</a></>
          ))}
        </p>
      </section>

      <section aria-labelledby="collections-title">
        <h2 id="collections-title">{t('home.collections')}</h2>
        {collections.loading && <Loading />}
        {collections.data && (
          <CollectionCards items={collections.data.items} />
        )}
        <p><a href="/collections">{t('home.allCollections')}</a></p>
      </section>

      {featured.data && featured.data.hits.length > 0 && (
        <section aria-labelledby="featured-title">
          <h2 id="featured-title">{t('home.featured')}</h2>
          <ul class="cards">{featured.data.hits.map((hit) => <RecordCard data={hit} />)}</ul>
          <p><a href={href('/search', { filter: 'has_images:true' })}>{t('home.allImages', { n: featured.data.total })}</a></p>
        </section>
      )}

      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t('home.recent')}</h2>
        {recent.loading && <Loading />}
        {recent.data && recent.data.items.length === 0 && <p class="muted">{t('home.nothingRecent')}</p>}
        {recent.data && <ul class="cards">{recent.data.items.map((item) => <RecordCard data={item} />)}</ul>}
      </section>
    </div>
  );
}
