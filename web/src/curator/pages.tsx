// The curator's screens (a chunk of their own): dashboard, upload and ingest with progress, the
// record editor, flagged personal data to review, versions and their diff, the audit log, and
// users for administrators. Each asks the server, which decides who may do what; without a
// session they send the visitor to sign in.
import { useStore } from '../store';
import { hasRole, session } from '../api';
import { useTitle } from '../components/common';
import { useT } from '../i18n';
import { Editor } from './editor';
import { History } from './history';
import { IngestJob, Upload } from './ingest';
import { AuditLog, Review, Users } from './admin';

function Dashboard() {
  const t = useT();
  const user = useStore(session);
  useTitle(t('curate.title'));
  return (
    <div>
      <h1 tabIndex={-1}>{t('curate.title')}</h1>
      <p class="lead">{t('curate.welcome', { name: user?.display_name || user?.user || '' })}</p>
      <ul class="tiles">
        <li><a href="/curate/upload"><strong>{t('curate.upload')}</strong><span>{t('curate.uploadHelp')}</span></a></li>
        <li><a href="/curate/new"><strong>{t('curate.new')}</strong><span>{t('curate.newHelp')}</span></a></li>
        <li><a href="/curate/review"><strong>{t('curate.review')}</strong><span>{t('curate.reviewHelp')}</span></a></li>
        <li><a href="/curate/audit"><strong>{t('curate.audit')}</strong><span>{t('curate.auditHelp')}</span></a></li>
        {hasRole(user, 'admin', 'administrator') && <li><a href="/curate/users"><strong>{t('curate.users')}</strong><span>{t('curate.usersHelp')}</span></a></li>}
      </ul>
    </div>
  );
}

function SignInFirst({ path }: { path: string }) {
  const t = useT();
  useTitle(t('signIn.title'));
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t('curate.title')}</h1>
      <p>{t('curate.signInFirst')}</p>
      <p><a class="button" href={`/signin?next=${encodeURIComponent(path)}`}>{t('nav.signIn')}</a></p>
    </div>
  );
}

export function CurateRoutes({ path, query }: { path: string; query: URLSearchParams }) {
  const user = useStore(session);
  if (path.startsWith('/history/')) return <History id={path.slice('/history/'.length)} query={query} />;
  if (!user) return <SignInFirst path={`/curate${path === '/' ? '' : path}`} />;
  if (path === '/') return <Dashboard />;
  if (path === '/upload') return <Upload />;
  const job = path.match(/^\/ingests\/([^/]+)$/);
  if (job) return <IngestJob id={job[1]} />;
  if (path === '/new') return <Editor id={null} parent={query.get('parent')} />;
  const edit = path.match(/^\/edit\/(ark:\/[^/]+\/[^/]+)$/);
  if (edit) return <Editor id={edit[1]} parent={null} />;
  if (path === '/review') return <Review />;
  if (path === '/audit') return <AuditLog query={query} />;
  if (path === '/users') return <Users />;
  return <Dashboard />;
}
