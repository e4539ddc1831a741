// The collections and the top of the archival holdings (fonds), each opening as a tree or a list.
import type { Page, Summary } from '../api';
import { CollectionCards } from '../components/cards';
import { ErrorBox, Loading, useFetch, useTitle } from '../components/common';
import { ArchivalTree } from '../components/tree';
import { useT } from '../i18n';

export function Collections() {
  const t = useT();
  useTitle(t('collections.title'));
  const collections = useFetch<Page<Summary>>('/api/v1/records?kind=collection&limit=100');
  const fonds = useFetch<Page<Summary>>('/api/v1/records?kind=archival_unit&limit=200');
  const tops = (fonds.data?.items ?? []).filter((item) => !item.parent);
  return (
    <div class="collections-page">
      <h1 tabIndex={-1}>{t('collections.title')}</h1>
      <p class="lead">{t('collections.lead')}</p>
      {collections.loading && <Loading />}
      <ErrorBox error={collections.error} />
      {collections.data && (
        <CollectionCards items={collections.data.items} />
      )}
      <h2>{t('collections.archives')}</h2>
      {collections.data && collections.data.items.map((item) => (
        <ArchivalTree root={{ ...item, has_children: true }} open={[]} current="" openRoot={false} />
      ))}
      {tops.map((item) => <ArchivalTree root={item} open={[]} current="" openRoot={false} />)}
    </div>
  );
}
