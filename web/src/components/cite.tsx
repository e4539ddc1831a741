// How to cite a record: its ARK (the persistent link) and a formatted citation to copy.
import { useState } from 'preact/hooks';
import type { ApiRecord } from '../api';
import { formatDay, formatEdtf, useT } from '../i18n';
import { Icon } from './common';

function first(record: ApiRecord, field: string): string {
  return record.fields[field]?.[0]?.value ?? '';
}

export function citation(record: ApiRecord, arkUrl: string, repository: string, today: string): string {
  const creators = (record.fields.creator ?? []).map((value) => value.value).join('; ');
  const parts = [creators, first(record, 'title'), record.fields.date ? formatEdtf(first(record, 'date')) : '',
    first(record, 'reference_code') || first(record, 'inventory_number'), repository].filter(Boolean);
  return `${parts.join('. ')}. ${arkUrl} (${today}).`;
}

export function Cite({ record }: { record: ApiRecord }) {
  const t = useT();
  const [copied, setCopied] = useState('');
  const ark = record.links.ark ?? `${window.location.origin}/${record.id}`;
  const text = citation(record, ark, t('site.repository'), t('cite.accessed', { date: formatDay(new Date().toISOString().slice(0, 10)) }));
  const copy = (value: string, which: string) => {
    navigator.clipboard?.writeText(value).then(() => setCopied(which), () => setCopied(''));
  };
  return (
    <section class="cite" aria-labelledby="cite-title">
      <h2 id="cite-title">{t('cite.title')}</h2>
      <p>{t('cite.ark')}</p>
      <div class="copy-line">
        <a href={ark} data-external class="ark-link" data-testid="ark-link">{ark}</a>
        <button type="button" class="icon-button" onClick={() => copy(ark, 'ark')} aria-label={t('cite.copyArk')} title={t('cite.copyArk')}><Icon name="copy" /></button>
      </div>
      <p>{t('cite.formatted')}</p>
      <div class="copy-line">
        <p class="citation" data-testid="citation">{text}</p>
        <button type="button" class="icon-button" onClick={() => copy(text, 'citation')} aria-label={t('cite.copy')} title={t('cite.copy')}><Icon name="copy" /></button>
      </div>
      <p class="visually-hidden" role="status">{copied ? t('cite.copied') : ''}</p>
    </section>
  );
}

/** The IIIF logo linking to the manifest: drag it onto any IIIF viewer (the IIIF convention). */
export function IiifLink({ manifest }: { manifest: string }) {
  const t = useT();
  const dragHref = `${manifest}?manifest=${encodeURIComponent(manifest)}`;
  return (
    <p class="iiif-link">
      <a href={dragHref} data-external title={t('iiif.drag')} draggable data-testid="iiif-manifest">
        <svg width="26" height="23" viewBox="0 0 26 23" role="img" aria-label="IIIF">
          <path fill="#2873AB" d="M0 5h3v18H0z" /><path fill="#ED1D33" d="M5 5h3v18H5z" /><path fill="#2873AB" d="M10 5h3v18h-3z" />
          <path fill="#ED1D33" d="M15 5h9v3h-6v4h5v3h-5v8h-3z" /><circle fill="#2873AB" cx="1.5" cy="2" r="1.5" /><circle fill="#ED1D33" cx="6.5" cy="2" r="1.5" /><circle fill="#2873AB" cx="11.5" cy="2" r="1.5" />
        </svg>
        <span>{t('iiif.manifest')}</span>
      </a>
      <span class="muted small"> {t('iiif.drag')}</span>
    </p>
  );
}
