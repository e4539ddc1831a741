// The deep-zoom viewer (OpenSeadragon, a chunk of its own): the record's IIIF manifest when the
// server has one (every canvas a page), else its first image's info.json, else the image files
// themselves. Buttons of our own (translated, keyboard-usable) instead of OpenSeadragon's images.
import OpenSeadragon from 'openseadragon';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, iiifId, type RecordFile } from '../api';
import { formatNumber, useT } from '../i18n';
import { Icon } from './common';

type TileSource = string | { type: 'image'; url: string };

interface Page { source: TileSource; label: string }

function label(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const map = value as Record<string, string[]>;
  const first = Object.values(map)[0];
  return Array.isArray(first) ? first.join(' ') : '';
}

/** Pages from a IIIF Presentation 3.0 manifest: each canvas's image service, or its image. */
export function pagesOfManifest(manifest: any): Page[] {
  const pages: Page[] = [];
  for (const canvas of manifest?.items ?? []) {
    const body = canvas?.items?.[0]?.items?.[0]?.body;
    if (!body) continue;
    const service = (Array.isArray(body.service) ? body.service : [])[0];
    const serviceId = service?.id ?? service?.['@id'];
    if (serviceId) pages.push({ source: `${serviceId.replace(/\/$/, '')}/info.json`, label: label(canvas.label) });
    else if (body.id) pages.push({ source: { type: 'image', url: body.id }, label: label(canvas.label) });
  }
  return pages;
}

async function findPages(id: string, images: RecordFile[]): Promise<Page[]> {
  const base = `/iiif/3/${iiifId(id)}`;
  try {
    const pages = pagesOfManifest(await get(`${base}/manifest`));
    if (pages.length > 0) return pages;
  } catch {
    // No manifest: try the image service, then the files.
  }
  if (images.length === 1) {
    try {
      await get(`${base}/info.json`);
      return [{ source: `${base}/info.json`, label: images[0].label ?? images[0].path }];
    } catch {
      // No image service for this record.
    }
  }
  return images.filter((file) => file.url).map((file) => ({ source: { type: 'image', url: file.url! }, label: file.label ?? file.path }));
}

export default function Viewer({ id, images, title }: { id: string; images: RecordFile[]; title: string }) {
  const t = useT();
  const element = useRef<HTMLDivElement>(null);
  const viewer = useRef<OpenSeadragon.Viewer | null>(null);
  const [pages, setPages] = useState<Page[] | null>(null);
  const [page, setPage] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    findPages(id, images).then((found) => !cancelled && setPages(found));
    return () => {
      cancelled = true;
    };
  }, [id]);

  useEffect(() => {
    if (!pages || pages.length === 0 || !element.current) return;
    const instance = OpenSeadragon({
      element: element.current,
      tileSources: pages.map((item) => item.source) as any,
      sequenceMode: pages.length > 1,
      showNavigationControl: false,
      showSequenceControl: false,
      showNavigator: true,
      navigatorPosition: 'BOTTOM_RIGHT',
      crossOriginPolicy: 'Anonymous',
      gestureSettingsMouse: { clickToZoom: false } as any,
      maxZoomPixelRatio: 4,
      visibilityRatio: 0.8,
    } as any);
    instance.addHandler('zoom', () => setZoom(instance.viewport.getZoom(true)));
    instance.addHandler('animation-finish', () => setZoom(instance.viewport.getZoom(true)));
    instance.addHandler('page', (event: any) => setPage(event.page));
    instance.addHandler('open-failed', () => setFailed(true));
    instance.addHandler('open', () => setZoom(instance.viewport.getZoom(true)));
    viewer.current = instance;
    return () => {
      instance.destroy();
      viewer.current = null;
    };
  }, [pages]);

  if (pages && pages.length === 0) return null;
  const act = (fn: (v: OpenSeadragon.Viewer) => void) => () => viewer.current && fn(viewer.current);
  return (
    <figure class="viewer" aria-label={t('viewer.label', { title })}>
      <div class="viewer-toolbar" role="toolbar" aria-label={t('viewer.controls')}>
        <button type="button" onClick={act((v) => v.viewport.zoomBy(1.5).applyConstraints())} aria-label={t('viewer.zoomIn')} title={t('viewer.zoomIn')} data-testid="zoom-in"><Icon name="zoomIn" /></button>
        <button type="button" onClick={act((v) => v.viewport.zoomBy(1 / 1.5).applyConstraints())} aria-label={t('viewer.zoomOut')} title={t('viewer.zoomOut')}><Icon name="zoomOut" /></button>
        <button type="button" onClick={act((v) => v.viewport.goHome())} aria-label={t('viewer.home')} title={t('viewer.home')}><Icon name="home" /></button>
        <button type="button" onClick={act((v) => v.setFullScreen(!v.isFullPage()))} aria-label={t('viewer.fullScreen')} title={t('viewer.fullScreen')}><Icon name="full" /></button>
        {pages && pages.length > 1 && (
          <span class="pages">
            <button type="button" disabled={page === 0} onClick={act((v) => v.goToPage(page - 1))}>{t('viewer.previousPage')}</button>
            <span aria-live="polite">{t('viewer.pageOf', { n: page + 1, total: pages.length })}</span>
            <button type="button" disabled={page === pages.length - 1} onClick={act((v) => v.goToPage(page + 1))}>{t('viewer.nextPage')}</button>
          </span>
        )}
        <span class="zoom-level" aria-hidden="true">{formatNumber(Math.round(zoom * 100))} %</span>
      </div>
      <div ref={element} class="viewer-canvas" data-testid="viewer" data-zoom={zoom.toFixed(3)} data-pages={pages?.length ?? 0}
        role="img" aria-label={pages?.[page]?.label ? `${title} — ${pages[page].label}` : title} />
      {failed && <p class="error">{t('viewer.failed')}</p>}
      <figcaption class="muted small">{t('viewer.help')}</figcaption>
    </figure>
  );
}
