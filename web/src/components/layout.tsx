// The frame of every page: skip link, header (name, navigation, search, language, account),
// the page itself in <main>, and the footer. Focus moves to the new page's heading on navigation
// so that screen reader users hear where they are.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { hasRole, request, session } from '../api';
import { languageNames, languages, lang, setLanguage, useT, type Lang } from '../i18n';
import { location, navigate } from '../router';
import { useStore } from '../store';
import { Icon } from './common';

function LanguageSwitch() {
  const t = useT();
  const current = useStore(lang);
  return (
    <label class="language">
      <span class="visually-hidden">{t('nav.language')}</span>
      <select value={current} onChange={(event) => setLanguage((event.target as HTMLSelectElement).value as Lang)} data-testid="language">
        {languages.map((language) => <option value={language} lang={language}>{languageNames[language]}</option>)}
      </select>
    </label>
  );
}

export function SearchBox({ initial = '', large = false }: { initial?: string; large?: boolean }) {
  const t = useT();
  const [text, setText] = useState(initial);
  useEffect(() => setText(initial), [initial]);
  return (
    <form role="search" class={large ? 'search-box large' : 'search-box'} onSubmit={(event) => {
      event.preventDefault();
      navigate(`/search?q=${encodeURIComponent(text.trim())}`);
    }}>
      <label for={large ? 'q-large' : 'q'} class="visually-hidden">{t('search.label')}</label>
      <input id={large ? 'q-large' : 'q'} type="search" name="q" value={text} placeholder={t('search.placeholder')}
        autocomplete="off" onInput={(event) => setText((event.target as HTMLInputElement).value)} />
      <button type="submit" aria-label={t('search.submit')} title={t('search.submit')}><Icon name="search" /></button>
    </form>
  );
}

function Account() {
  const t = useT();
  const current = useStore(session);
  if (!current) return <a class="nav-link" href="/signin" data-testid="signin-link">{t('nav.signIn')}</a>;
  return (
    <details class="account">
      <summary><Icon name="user" /><span>{current.display_name || current.user}</span></summary>
      <ul>
        {hasRole(current, 'curator', 'admin', 'administrator') && <li><a href="/curate">{t('nav.curate')}</a></li>}
        {hasRole(current, 'admin', 'administrator') && <li><a href="/curate/users">{t('curate.users')}</a></li>}
        <li><button type="button" class="link" onClick={async () => {
          try {
            await request('DELETE', '/api/v1/session');
          } catch {
            // Signed out on this side whatever the server says.
          }
          session.set(null);
          navigate('/');
        }}>{t('nav.signOut')}</button></li>
      </ul>
    </details>
  );
}

export function Layout({ children, wide = false }: { children: ComponentChildren; wide?: boolean }) {
  const t = useT();
  const where = useStore(location);
  const [menuOpen, setMenuOpen] = useState(false);
  const first = useRef(true);
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    // After a navigation: focus the new page's heading (not on back/forward, which restores scroll).
    if (where.restoreScroll === null) {
      window.setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }), 0);
    }
  }, [where.path, where.query.toString()]);
  const navLink = (path: string, label: string) => (
    <a class="nav-link" href={path} aria-current={where.path === path || (path !== '/' && where.path.startsWith(path)) ? 'page' : undefined}>{label}</a>
  );
  return (
    <>
      <a class="skip-link" href="#main">{t('nav.skip')}</a>
      <header class="site-header">
        <div class="header-inner">
          <a class="brand" href="/" aria-label={t('site.home')}>
            <svg width="34" height="34" viewBox="0 0 34 34" aria-hidden="true"><circle cx="17" cy="17" r="16" fill="#0b5d7a" /><path d="M9 23c0-8 3-12 8-12s8 4 8 12M12 23c0-5 2-8 5-8s5 3 5 8" stroke="#f3c14b" stroke-width="2.4" fill="none" /></svg>
            <span class="brand-name">{t('site.name')}</span>
          </a>
          <button type="button" class="menu-button" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen(!menuOpen)}>
            <Icon name="menu" /><span class="visually-hidden">{t('nav.menu')}</span>
          </button>
          <nav id="site-nav" class={menuOpen ? 'site-nav open' : 'site-nav'} aria-label={t('nav.main')}>
            {navLink('/search', t('nav.search'))}
            {navLink('/collections', t('nav.collections'))}
            {navLink('/kurultai', t('nav.kurultai'))}
            {navLink('/about', t('nav.about'))}
          </nav>
          {where.path !== '/' && <SearchBox initial={where.path === '/search' ? where.query.get('q') ?? '' : ''} />}
          <LanguageSwitch />
          <Account />
        </div>
      </header>
      <main id="main" tabIndex={-1} class={wide ? 'wide' : ''}>{children}</main>
      <footer class="site-footer">
        <div class="footer-inner">
          <p>{t('site.footer')}</p>
          <p>
            <a href="/about">{t('nav.about')}</a> · <a href="/api/v1/openapi.json" data-external>{t('footer.api')}</a> · <a href="/oai?verb=Identify" data-external>OAI-PMH</a> · <a href="/sitemap.xml" data-external>{t('footer.sitemap')}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
