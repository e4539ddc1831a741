// Review of records flagged for personal data, the audit log, and user management.
import { useState } from 'preact/hooks';
import { ApiError, request, type Summary } from '../api';
import { ErrorBox, Loading, recordHref, useFetch, useTitle } from '../components/common';
import { formatDateTime, useT } from '../i18n';
import { href } from '../router';

interface Flagged extends Summary { reasons?: string[]; findings?: { kind: string; field?: string; excerpt?: string }[] }

export function Review() {
  const t = useT();
  useTitle(t('curate.review'));
  const flagged = useFetch<{ items: Flagged[]; next?: string | null }>('/api/v1/review', { cache: false });
  const [done, setDone] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const decide = async (id: string, decision: string) => {
    try {
      await request('POST', `/api/v1/review/${id}`, { decision });
      setDone({ ...done, [id]: decision });
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <div>
      <h1 tabIndex={-1}>{t('curate.review')}</h1>
      <p class="lead">{t('review.lead')}</p>
      {flagged.loading && <Loading />}
      <ErrorBox error={flagged.error ?? error} />
      {flagged.data && flagged.data.items.length === 0 && <p>{t('review.none')}</p>}
      <ul class="review-list">
        {flagged.data?.items.map((item) => (
          <li class="card-flat">
            <h2><a href={recordHref(item.id)}>{item.title || item.id}</a></h2>
            {(item.findings ?? []).map((finding) => <p class="muted">{finding.kind}{finding.field ? ` · ${finding.field}` : ''}{finding.excerpt ? `: ${finding.excerpt}` : ''}</p>)}
            {(item.reasons ?? []).map((reason) => <p class="muted">{reason}</p>)}
            {done[item.id]
              ? <p role="status">{t('review.decided')}</p>
              : (
                <p class="actions">
                  <button type="button" onClick={() => decide(item.id, 'restrict')}>{t('review.restrict')}</button>
                  <button type="button" class="secondary" onClick={() => decide(item.id, 'clear')}>{t('review.clear')}</button>
                </p>
              )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface AuditEntry { time: string; user: string; action: string; target?: string; detail?: string; outcome?: string }

export function AuditLog({ query }: { query: URLSearchParams }) {
  const t = useT();
  useTitle(t('curate.audit'));
  const cursor = query.get('cursor');
  const log = useFetch<{ items: AuditEntry[]; next: string | null }>(href('/api/v1/audit', { cursor, limit: 100 }), { cache: false });
  return (
    <div>
      <h1 tabIndex={-1}>{t('curate.audit')}</h1>
      {log.loading && <Loading />}
      <ErrorBox error={log.error} />
      {log.data && (
        <table class="table">
          <thead><tr><th scope="col">{t('history.when')}</th><th scope="col">{t('history.who')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.target')}</th><th scope="col">{t('audit.detail')}</th></tr></thead>
          <tbody>{log.data.items.map((entry) => (
            <tr><td>{formatDateTime(entry.time)}</td><td>{entry.user}</td><td>{entry.action}</td>
              <td>{entry.target?.startsWith('ark:') ? <a href={recordHref(entry.target)}>{entry.target}</a> : entry.target}</td><td>{entry.detail}</td></tr>
          ))}</tbody>
        </table>
      )}
      {log.data?.next && <p><a href={href('/curate/audit', { cursor: log.data.next })}>{t('search.next')}</a></p>}
    </div>
  );
}

interface User { name: string; display_name?: string; roles: string[]; groups?: string[]; disabled?: boolean }

export function Users() {
  const t = useT();
  useTitle(t('curate.users'));
  const users = useFetch<{ users?: User[]; items?: User[] }>('/api/v1/users', { cache: false });
  const [form, setForm] = useState({ name: '', display_name: '', password: '', roles: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState('');
  const list = users.data?.users ?? users.data?.items ?? [];
  return (
    <div>
      <h1 tabIndex={-1}>{t('curate.users')}</h1>
      {users.loading && <Loading />}
      <ErrorBox error={users.error} />
      {list.length > 0 && (
        <table class="table">
          <thead><tr><th scope="col">{t('signIn.name')}</th><th scope="col">{t('users.displayName')}</th><th scope="col">{t('users.roles')}</th></tr></thead>
          <tbody>{list.map((user) => <tr><td>{user.name}</td><td>{user.display_name}</td><td>{user.roles.join(', ')}</td></tr>)}</tbody>
        </table>
      )}
      <h2>{t('users.add')}</h2>
      <form class="form narrow" onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        try {
          await request('POST', '/api/v1/users', { ...form, roles: form.roles.split(',').map((role) => role.trim()).filter(Boolean) });
          setCreated(form.name);
          setForm({ name: '', display_name: '', password: '', roles: '' });
          users.reload();
        } catch (caught) {
          setError(caught as ApiError);
        }
      }}>
        {(['name', 'display_name', 'password', 'roles'] as const).map((key) => (
          <>
            <label for={`user-${key}`}>{t(key === 'name' ? 'signIn.name' : key === 'password' ? 'signIn.password' : key === 'roles' ? 'users.roles' : 'users.displayName')}</label>
            <input id={`user-${key}`} type={(key === 'password' ? 'password' : 'text') as any} autocomplete={key === 'password' ? 'new-password' : 'off'} required={key !== 'display_name'}
              value={form[key]} onInput={(event) => setForm({ ...form, [key]: (event.target as HTMLInputElement).value })} />
          </>
        ))}
        <p class="help">{t('users.rolesHelp')}</p>
        <ErrorBox error={error} />
        {created && <p role="status">{t('users.created', { name: created })}</p>}
        <button type="submit">{t('users.add')}</button>
      </form>
    </div>
  );
}
