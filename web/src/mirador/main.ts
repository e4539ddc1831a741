// The Mirador page, mirador.html?manifest=/iiif/3/{naan}~{name}/manifest&lang=kk: one Mirador
// window on one of this server's IIIF manifests, under Mura's own bar. An entry of its own
// (vite.config.ts), so that React, Material UI and Mirador load here only, never with the search
// page. Any other manifest address is refused with a message: the page shows this repository's
// records, not whatever a link names. Why Mirador and how it is installed: docs/adr/0012-mirador.md.
import { viewer } from 'mirador';
import '../styles/fonts.css';
import './mirador.css';
import { recordOfIiifId } from '../api';
import { lang, translate, type Lang } from '../i18n';
import { toLatin } from '../i18n/translit';
import kkMessages from './locales/kk.json?url';
import ruMessages from './locales/ru.json?url';

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

/**
 * Mirador's own messages (its buttons, menus and panels) in `language`, keyed as in Mirador's
 * src/locales/en/translation.json: our catalogs in ./locales/ for kk and ru, kk.json in Latin
 * letters for kk-Latn, none for en (Mirador's own). The catalogs are files of their own, fetched
 * as data, so the page loads only its language's. Null when it could not be loaded: Mirador then
 * speaks English rather than not at all.
 */
async function miradorMessages(language: Lang): Promise<Record<string, string> | null> {
  if (language === 'en') return null;
  try {
    const response = await fetch(language === 'ru' ? ruMessages : kkMessages);
    if (!response.ok) return null;
    const messages: Record<string, string> = await response.json();
    if (language !== 'kk-Latn') return messages;
    return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, toLatin(value)]));
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
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
  const language = lang.get();
  const messages = await miradorMessages(language);
  const container = document.createElement('div');
  container.id = 'mirador';
  main.append(container);
  viewer({
    id: container.id,
    // The language of Mirador's controls and of the manifest's labels and metadata. Mirador has no
    // Kazakh or Russian catalog of its own; `translations` adds ours (availableLanguages only lists
    // the workspace menu's language switcher, which this page hides).
    language,
    translations: messages ? { [language]: messages } : {},
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

void start();
