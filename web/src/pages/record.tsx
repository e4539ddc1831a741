// A record: breadcrumbs, title, the viewer (deep zoom for images and pages), players for sound
// and video, the OCR text beside the image, the metadata in the chosen language with a visible
// fallback, downloads the policy allows, the archival tree, how to cite, the IIIF manifest and
// the rights statement, with a link to open the images in Mirador. Curators also get edit and
// history links.
import { useState } from 'preact/hooks';
import { hasRole, iiifId, recordApi, session, type ApiRecord, type LanguageValue, type RecordFile, type Summary } from '../api';
import { Cite, IiifLink } from '../components/cite';
import { ErrorBox, Icon, Loading, recordHref, useFetch, useTitle } from '../components/common';
import { Rights } from '../components/rights';
import { ArchivalTree, ChildList } from '../components/tree';
import { formatBytes, formatDateTime, formatEdtf, formatNumber, lang, languageNames, useT, type Lang } from '../i18n';
import { lazy } from '../lazy';
import { fieldLabel, kindLabel, levelLabel, profiles } from '../profiles';
import { href } from '../router';
import { useStore } from '../store';

const Viewer = lazy(() => import('../components/viewer').then((module) => module.default));

interface TextPage { file: string; lang?: string; text: string }

function Value({ value, type }: { value: LanguageValue; type?: string }) {
  const t = useT();
  let shown: preact.ComponentChildren = value.value;
  if (type === 'edtf') shown = <time title={value.value}>{formatEdtf(value.value)}</time>;
  else if (type === 'reference' && value.value.startsWith('ark:')) shown = <a href={recordHref(value.value)}>{value.value}</a>;
  else if (type === 'uri' || /^https?:\/\//.test(value.value)) shown = <a href={value.value} rel="noopener" data-external>{value.value}</a>;
  return (
    <dd lang={value.lang}>
      {shown}
      {value.fallback && value.lang && (
        <span class="fallback" title={t('record.fallbackHelp')}> {t('record.inLanguage', { language: languageNames[value.lang as Lang] ?? value.lang })}</span>
      )}
    </dd>
  );
}

function Metadata({ record }: { record: ApiRecord }) {
  const profile = profiles[record.kind];
  const order = profile ? profile.fields.map((field) => field.name) : [];
  const names = Object.keys(record.fields).filter((name) => name !== 'title' && record.fields[name].length > 0)
    .sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
  const typeOf = (name: string) => profile?.fields.find((field) => field.name === name)?.type;
  return (
    <dl class="metadata">
      {names.map((name) => (
        <div class="field" data-field={name}>
          <dt>{fieldLabel(name, record.kind)}</dt>
          {record.fields[name].map((value) => <Value value={value} type={typeOf(name)} />)}
        </div>
      ))}
    </dl>
  );
}

function Media({ record, title }: { record: ApiRecord; title: string }) {
  const t = useT();
  const files = record.files ?? [];
  const images = files.filter((file) => file.media_type.startsWith('image/'));
  const audio = files.filter((file) => file.media_type.startsWith('audio/'));
  const video = files.filter((file) => file.media_type.startsWith('video/'));
  const text = useFetch<{ pages: TextPage[] }>(images.length > 0 ? recordApi(record.id, '/text') : null);
  const pages = text.data?.pages?.filter((page) => page.text.trim()) ?? [];
  return (
    <>
      {images.length > 0 && (
        <div class={pages.length > 0 ? 'media with-text' : 'media'}>
          <Viewer id={record.id} images={images} title={title} />
          {pages.length > 0 && (
            <section class="ocr" aria-labelledby="ocr-title">
              <h2 id="ocr-title">{t('record.text')}</h2>
              {pages.map((page) => (
                <article lang={page.lang}>
                  {pages.length > 1 && <h3>{page.file}</h3>}
                  {page.text.split(/\n{2,}/).map((paragraph) => <p>{paragraph}</p>)}
                </article>
              ))}
            </section>
          )}
        </div>
      )}
      {audio.map((file) => (
        <figure class="player">
          <audio controls preload="metadata" src={file.url} aria-label={`${title} — ${file.label ?? file.path}`} />
          <figcaption>{file.label ?? file.path}</figcaption>
        </figure>
      ))}
      {video.map((file) => (
        <figure class="player">
          <video controls preload="metadata" src={file.url} aria-label={`${title} — ${file.label ?? file.path}`} />
          <figcaption>{file.label ?? file.path}</figcaption>
        </figure>
      ))}
    </>
  );
}

function Downloads({ files }: { files: RecordFile[] }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('record.downloads')}</h2>
      <ul class="downloads">
        {files.map((file) => (
          <li>
            <a href={`${file.url}?download`} download={file.path.split('/').pop()} data-external>
              <Icon name="download" /> {file.label ?? file.path}
            </a>
            <span class="muted small"> {file.media_type}{file.size !== undefined ? ` · ${formatBytes(file.size)}` : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Technical {
  width?: number; height?: number; bit_depth?: number; colour_space?: string; resolution_dpi?: number;
  duration_seconds?: number; streams?: { kind: string; codec: string; channels?: number; sample_rate?: number }[];
  pages?: number; tool?: string;
}
interface TechnicalFile { path: string; media_type: string; puid?: string; technical: Technical | null }

function durationText(seconds: number): string {
  const whole = Math.round(seconds);
  const parts = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
  return (parts[0] ? parts : parts.slice(1)).map((part, i) => (i ? String(part).padStart(2, '0') : String(part))).join(':');
}

/** One sentence of what was read from a file: pixels and depth, duration and codecs, or pages. */
function technicalText(technical: Technical, t: ReturnType<typeof useT>): string {
  const parts: string[] = [];
  if (technical.width && technical.height) parts.push(t('technical.pixels', { width: formatNumber(technical.width), height: formatNumber(technical.height) }));
  if (technical.bit_depth) parts.push(t('technical.bits', { bits: technical.bit_depth }) + (technical.colour_space ? ` ${technical.colour_space}` : ''));
  if (technical.resolution_dpi) parts.push(t('technical.dpi', { dpi: Math.round(technical.resolution_dpi) }));
  if (technical.duration_seconds) parts.push(durationText(technical.duration_seconds));
  for (const stream of technical.streams ?? []) {
    parts.push([stream.codec, stream.channels ? t('technical.channels', { channels: stream.channels }) : '',
      stream.sample_rate ? `${formatNumber(stream.sample_rate)} Hz` : ''].filter(Boolean).join(' '));
  }
  if (technical.pages) parts.push(t('technical.pages', { pages: technical.pages }));
  return parts.join(' · ');
}

/** What the derivative jobs read from each file's content, loaded when opened. */
function TechnicalDetails({ id }: { id: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const { data, error } = useFetch<{ files: TechnicalFile[] }>(open ? recordApi(id, '/technical') : null, { cache: false });
  return (
    <details class="technical" onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('technical.title')}</summary>
      {error && <ErrorBox error={error} />}
      {open && !data && !error && <Loading />}
      {data && (
        <dl>
          {data.files.map((file) => (
            <>
              <dt>{file.path}</dt>
              <dd class="small">
                {file.media_type}
                {file.puid && <> · <a href={`https://www.nationalarchives.gov.uk/PRONOM/${file.puid}`} rel="noopener" data-external>{file.puid}</a></>}
                <br />
                {file.technical ? technicalText(file.technical, t) || t('technical.nothing') : t('technical.pending')}
              </dd>
            </>
          ))}
        </dl>
      )}
    </details>
  );
}

/** The record's manifest in Mirador: mirador.html, a page of its own, so React and Mirador load only there. */
function MiradorLink({ manifest }: { manifest: string }) {
  const t = useT();
  const language = useStore(lang);
  // The path only: the Mirador page opens manifests of its own origin, whatever --base-url says.
  const path = new URL(manifest, window.location.origin).pathname;
  return (
    <p class="mirador-link">
      <a class="button secondary" href={href('/mirador.html', { manifest: path, lang: language })} data-external data-testid="open-mirador">
        {t('mirador.open')}
      </a>
      <span class="muted small"> {t('mirador.openHelp')}</span>
    </p>
  );
}

function AccessNotice({ record }: { record: ApiRecord }) {
  const t = useT();
  const notes: string[] = [];
  if (record.files_available === false) notes.push(t('access.filesClosed'));
  if (record.access.embargo_until) notes.push(t('access.embargo', { date: record.access.embargo_until }));
  if (record.access.closure_years) notes.push(t('access.closure', { n: record.access.closure_years }));
  if (record.access.metadata !== 'public') notes.push(t('access.restrictedMetadata'));
  if (record.deleted) notes.push(t('access.withdrawn'));
  if (notes.length === 0) return null;
  return <div class="notice" role="note">{notes.map((note) => <p>{note}</p>)}</div>;
}

export function RecordPage({ id, version }: { id: string; version?: string | null }) {
  const t = useT();
  const language = useStore(lang);
  const user = useStore(session);
  const record = useFetch<ApiRecord>(recordApi(id, `?lang=${encodeURIComponent(language)}${version ? `&version=${encodeURIComponent(version)}` : ''}`), { cache: !user });
  const ancestors = useFetch<{ ancestors: Summary[] }>(recordApi(id, '/ancestors'));
  const [contentsView, setContentsView] = useState<'tree' | 'list'>('tree');
  const data = record.data;
  const titleValue = data?.fields.title?.[0];
  const title = titleValue?.value ?? id;
  useTitle(data ? title : null);
  if (record.error) {
    return <><h1 tabIndex={-1}>{record.error.status === 404 ? t('error.notFoundTitle') : t('error.title')}</h1><ErrorBox error={record.error} /></>;
  }
  if (!data) return <Loading />;
  const chain = ancestors.data?.ancestors ?? [];
  const self: Summary = { id: data.id, kind: data.kind, level: data.level, title, has_children: true };
  const root = chain[0] ?? self;
  const files = data.files ?? [];
  const curator = hasRole(user, 'curator', 'admin', 'administrator');
  return (
    <article class="record" data-kind={data.kind}>
      <nav aria-label={t('record.breadcrumbs')} class="breadcrumbs">
        <ol>
          <li><a href="/">{t('site.home')}</a></li>
          {chain.map((item) => <li><a href={recordHref(item.id)}>{item.title || t('record.untitled')}</a></li>)}
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <header class="record-header">
        <p class="kind">{kindLabel(data.kind)}{data.level ? ` · ${levelLabel(data.level)}` : ''}</p>
        <h1 tabIndex={-1} lang={titleValue?.lang}>{title}
          {titleValue?.fallback && titleValue.lang && <span class="fallback"> {t('record.inLanguage', { language: languageNames[titleValue.lang as Lang] ?? titleValue.lang })}</span>}
        </h1>
        {curator && (
          <p class="actions">
            <a class="button secondary" href={`/curate/edit/${data.id}`}>{t('record.edit')}</a>
            <a class="button secondary" href={`/records/${data.id}/history`}>{t('record.history')}</a>
          </p>
        )}
      </header>
      {version && <p class="notice" role="note">{t('record.oldVersion', { version })} <a href={recordHref(data.id)}>{t('record.currentVersion')}</a></p>}
      <AccessNotice record={data} />
      <Media record={data} title={title} />
      <div class="record-columns">
        <div class="record-main">
          <section aria-labelledby="metadata-title">
            <h2 id="metadata-title">{t('record.description')}</h2>
            <Metadata record={data} />
          </section>
          <section aria-labelledby="contents-title" class="contents">
            <div class="section-bar">
              <h2 id="contents-title">{t('record.contents')}</h2>
              <div class="view-switch" role="group" aria-label={t('search.view')}>
                <button type="button" aria-pressed={contentsView === 'tree'} onClick={() => setContentsView('tree')}>{t('tree.tree')}</button>
                <button type="button" aria-pressed={contentsView === 'list'} onClick={() => setContentsView('list')}>{t('search.list')}</button>
              </div>
            </div>
            {contentsView === 'tree'
              ? <ArchivalTree key={root.id} root={root} open={chain.map((item) => item.id).concat(data.id)} current={data.id} />
              : <ChildList id={data.id} />}
          </section>
        </div>
        <aside class="record-side">
          <Downloads files={files} />
          {files.length > 0 && <TechnicalDetails id={data.id} />}
          <Cite record={data} />
          {files.some((file) => file.media_type.startsWith('image/')) && <IiifLink manifest={`${window.location.origin}/iiif/3/${iiifId(data.id)}/manifest`} />}
          {data.links.manifest && <MiradorLink manifest={data.links.manifest} />}
          {data.rights && (
            <section aria-labelledby="rights-title">
              <h2 id="rights-title">{t('record.rights')}</h2>
              <Rights uri={data.rights} />
            </section>
          )}
          <p class="muted small">{t('record.modified', { date: formatDateTime(data.modified), version: data.version })}</p>
        </aside>
      </div>
    </article>
  );
}
