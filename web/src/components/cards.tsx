// Record cards (grids on the home and search pages) and rows (lists), with a thumbnail from the
// IIIF image server when the record has an image and an ornament placeholder otherwise.
import { useState } from 'preact/hooks';
import { iiifId, type Summary } from '../api';
import { formatEdtf, useT } from '../i18n';
import { kindLabel } from '../profiles';
import { recordHref, SafeSnippet } from './common';

export interface CardData {
  id: string; kind: string; title: string; title_lang?: string; date?: string; snippet?: string;
  thumbnail?: string | null; has_images?: boolean; level?: string;
}

export function thumbnailUrl(id: string): string {
  return `/iiif/3/${iiifId(id)}/full/!400,400/0/default.jpg`;
}

export function Thumbnail({ data, eager = false }: { data: CardData; eager?: boolean }) {
  const [failed, setFailed] = useState(false);
  const source = data.thumbnail === null || data.has_images === false ? null : data.thumbnail ?? thumbnailUrl(data.id);
  if (!source || failed) {
    return <div class={`thumb placeholder kind-${data.kind}`} aria-hidden="true"><span>{kindLabel(data.kind).slice(0, 1)}</span></div>;
  }
  // The title next to the image says what it is; the image itself is decorative here.
  return <img class="thumb" src={source} alt="" loading={eager ? 'eager' : 'lazy'} decoding="async" onError={() => setFailed(true)} />;
}

export function RecordCard({ data }: { data: CardData }) {
  return (
    <li class="card">
      <a href={recordHref(data.id)} class="card-link">
        <Thumbnail data={data} />
        <span class="card-body">
          <span class="card-kind">{kindLabel(data.kind)}</span>
          <span class="card-title" lang={data.title_lang}>{data.title}</span>
          {data.date && <span class="card-date">{formatEdtf(data.date)}</span>}
        </span>
      </a>
    </li>
  );
}

export function RecordRow({ data }: { data: CardData }) {
  const t = useT();
  return (
    <li class="row">
      <Thumbnail data={data} />
      <div class="row-body">
        <h3 class="row-title"><a href={recordHref(data.id)} lang={data.title_lang}>{data.title || t('record.untitled')}</a></h3>
        <p class="row-meta">
          <span class="badge">{kindLabel(data.kind)}</span>
          {data.date && <span>{formatEdtf(data.date)}</span>}
          <span class="ark">{data.id}</span>
        </p>
        {data.snippet && <p class="snippet"><SafeSnippet html={data.snippet} /></p>}
      </div>
    </li>
  );
}

export function CollectionCards({ items }: { items: Summary[] }) {
  const t = useT();
  return (
    <ul class="collection-list">
      {items.map((item) => (
        <li>
          <a href={recordHref(item.id)} class="collection-card">
            <span class="collection-pattern" aria-hidden="true" />
            <span class="collection-title">{item.title}</span>
            {item.child_count !== undefined && <span class="muted">{t('home.items', { n: item.child_count })}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}
