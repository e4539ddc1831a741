// Sign in for curators and administrators: POST /api/v1/session; the cookie is HttpOnly, the CSRF
// token is kept in memory for unsafe requests.
import { useState } from 'preact/hooks';
import { ApiError, request, session, type Session } from '../api';
import { useTitle } from '../components/common';
import { useT } from '../i18n';
import { navigate } from '../router';

export function SignIn({ next }: { next: string | null }) {
  const t = useT();
  useTitle(t('signIn.title'));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p>{t('signIn.lead')}</p>
      <form class="form" onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError('');
        try {
          session.set(await request<Session>('POST', '/api/v1/session', { name, password }));
          navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/curate');
        } catch (caught) {
          const status = caught instanceof ApiError ? caught.status : 0;
          setError(status === 401 || status === 403 ? t('signIn.wrong') : status === 404 ? t('signIn.unavailable') : t('error.network'));
        } finally {
          setBusy(false);
        }
      }}>
        <label for="name">{t('signIn.name')}</label>
        <input id="name" name="username" autocomplete="username" required value={name} onInput={(event) => setName((event.target as HTMLInputElement).value)} aria-describedby={error ? 'signin-error' : undefined} />
        <label for="password">{t('signIn.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(event) => setPassword((event.target as HTMLInputElement).value)} />
        {error && <p id="signin-error" class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{t('signIn.submit')}</button>
      </form>
    </div>
  );
}
