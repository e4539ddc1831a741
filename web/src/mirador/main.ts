// The Mirador page, mirador.html?manifest=/iiif/3/{naan}~{name}/manifest&lang=kk: one Mirador
// window on one of this server's IIIF manifests, under Mura's own bar. An entry of its own
// (vite.config.ts), so that React, Material UI and Mirador load here only, never with the search
// page. Any other manifest address is refused with a message: the page shows this repository's
// records, not whatever a link names. Why Mirador and how it is installed: docs/adr/0012-mirador.md.
import { viewer } from 'mirador';
import '../styles/fonts.css';
import './mirador.css';
import { recordOfIiifId } from '../api';
import { lang, translate } from '../i18n';

/** `value` as a manifest this page may open: a URL of `origin` under /iiif/3/, else null. */
function manifestUrl(value: string, origin: string): URL | null {
  let url: URL;
  try {
    url = new URL(value, origin);  // also resolves "..", so the path is checked as it will be fetched
  } catch {
    return null;
  }
  if (url.origin !== origin || url.username || url.password || !url.pathname.startsWith('/iiif/3/')) return null;
  url.hash = '';
  return url;
}

/** The record page of a manifest URL (/iiif/3/99999~x/manifest -> /records/ark:/99999/x), or null. */
function recordPage(manifest: URL): string | null {
  const [, identifier] = manifest.pathname.match(/^\/iiif\/3\/([^/]+)\/manifest$/) ?? [];
  const record = identifier ? recordOfIiifId(decodeURIComponent(identifier)) : null;
  return record ? `/records/${record}` : null;
}

function link(href: string, text: string, className?: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  if (className) anchor.className = className;
  return anchor;
}

function start(): void {
  const requested = new URLSearchParams(window.location.search).get('manifest') ?? '';
  const manifest = manifestUrl(requested, window.location.origin);
  document.title = `${translate('mirador.title')} — ${translate('site.name')}`;

  const bar = document.createElement('header');
  bar.className = 'mirador-bar';
  const heading = document.createElement('h1');
  heading.textContent = translate('mirador.title');
  bar.append(link('/', translate('site.name'), 'brand'), heading);
  const record = manifest && recordPage(manifest);
  if (record) bar.append(link(record, `← ${translate('mirador.back')}`));

  const main = document.createElement('main');
  main.className = 'mirador-main';
  document.body.replaceChildren(bar, main);

  if (!manifest) {
    const message = document.createElement('p');
    message.className = 'mirador-refused';
    message.setAttribute('role', 'alert');
    message.dataset.testid = 'mirador-refused';
    message.textContent = requested ? translate('mirador.refused', { url: requested }) : translate('mirador.missing');
    main.append(message);
    return;
  }
  const container = document.createElement('div');
  container.id = 'mirador';
  main.append(container);
  viewer({
    id: container.id,
    // Picks the manifest's labels and metadata in the page's language. Mirador 4 has no Kazakh or
    // Russian catalog of its own: its controls fall back to English.
    language: lang.get(),
    windows: [{ manifestId: manifest.href }],
    // One record: no catalog of other manifests, no window to add or close.
    workspaceControlPanel: { enabled: false },
    workspace: { allowNewWindows: false, isWorkspaceAddVisible: false },
    window: { allowClose: false, allowMaximize: false },
    theme: {
      palette: { primary: { main: '#0b5d7a' }, secondary: { main: '#0b5d7a' } },
      typography: { fontFamily: "'Noto Sans', system-ui, sans-serif" },
    },
  });
}

start();
