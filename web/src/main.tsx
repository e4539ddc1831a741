// The web UI's entry: fonts and styles, the session, the router, and the table of pages.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './styles/fonts.css';
import './styles/main.css';
import { loadSession } from './api';
import { Layout } from './components/layout';
import { lang } from './i18n';
import { lazy } from './lazy';
import { About } from './pages/about';
import { Collections } from './pages/collections';
import { Home } from './pages/home';
import { NotFound } from './pages/not_found';
import { RecordPage } from './pages/record';
import { SearchPage } from './pages/search';
import { SignIn } from './pages/sign_in';
import { location, startRouter } from './router';
import { useStore } from './store';

const Kurultai = lazy(() => import('./kurultai/pages').then((module) => module.KurultaiRoutes));
const Curate = lazy(() => import('./curator/pages').then((module) => module.CurateRoutes));

const arkPattern = /^\/(?:records\/)?(ark:\/[^/]+\/[^/]+)(\/history)?\/?$/;

function Page() {
  const where = useStore(location);
  useStore(lang);
  const path = where.path.replace(/\/+$/, '') || '/';
  useEffect(() => {
    if (where.restoreScroll !== null) {
      const target = where.restoreScroll;
      // Cached data renders at once; what loads later is waited for a little.
      let tries = 0;
      const restore = () => {
        window.scrollTo(0, target);
        if (Math.abs(window.scrollY - target) > 2 && tries++ < 20) window.setTimeout(restore, 50);
      };
      window.requestAnimationFrame(restore);
    }
  }, [where]);
  if (path === '/') return <Layout><Home /></Layout>;
  if (path === '/search') return <Layout wide><SearchPage query={where.query} /></Layout>;
  const record = path.match(arkPattern);
  if (record) {
    return record[2]
      ? <Layout><Curate path={`/history/${record[1]}`} query={where.query} /></Layout>
      : <Layout wide><RecordPage id={record[1]} version={where.query.get('version')} /></Layout>;
  }
  if (path === '/collections') return <Layout><Collections /></Layout>;
  if (path === '/about') return <Layout><About /></Layout>;
  if (path === '/signin') return <Layout><SignIn next={where.query.get('next')} /></Layout>;
  if (path === '/kurultai' || path.startsWith('/kurultai/')) {
    return <Layout wide><Kurultai path={path.slice('/kurultai'.length) || '/'} query={where.query} /></Layout>;
  }
  if (path === '/curate' || path.startsWith('/curate/')) {
    return <Layout wide><Curate path={path.slice('/curate'.length) || '/'} query={where.query} /></Layout>;
  }
  return <Layout><NotFound /></Layout>;
}

startRouter();
void loadSession();
render(<Page />, document.getElementById('app')!);
