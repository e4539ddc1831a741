// A record's versions (OCFL versions: who, when, why) and the difference between any two.
import type { ApiRecord, LanguageValue } from '../api';
import { recordApi } from '../api';
import { ErrorBox, Loading, recordHref, useFetch, useTitle } from '../components/common';
import { formatDateTime, useT } from '../i18n';
import { fieldLabel } from '../profiles';
import { href, navigate } from '../router';

interface Version { version: number; created: string; message: string; user: string }
interface Diff {
  from: number; to: number; fields: Record<string, { from: LanguageValue[]; to: LanguageValue[] }>;
  files?: { added: string[]; removed: string[]; changed: string[] };
  access?: { from: unknown; to: unknown }; deleted?: { from: boolean; to: boolean };
}

const show = (values: LanguageValue[]) => values.map((value) => (value.lang ? `${value.value} (${value.lang})` : value.value)).join('; ');

export function History({ id, query }: { id: string; query: URLSearchParams }) {
  const t = useT();
  useTitle(t('history.title'));
  const versions = useFetch<{ versions: Version[] }>(recordApi(id, '/versions'), { cache: false });
  // The kind names the fields: "title" is "Title" for an object but "Name" for an agent.
  const kind = useFetch<ApiRecord>(recordApi(id)).data?.kind;
  const list = versions.data?.versions ?? [];
  const head = list.length ? Math.max(...list.map((item) => item.version)) : 0;
  const to = Number(query.get('to') ?? head) || head;
  const from = Number(query.get('from') ?? Math.max(1, to - 1)) || 1;
  const diff = useFetch<Diff>(head > 1 ? recordApi(id, `/diff?from=${from}&to=${to}`) : null, { cache: false });
  const choose = (which: 'from' | 'to', value: number) => navigate(href(`/records/${id}/history`, { from: which === 'from' ? value : from, to: which === 'to' ? value : to }), { replace: true });
  return (
    <div>
      <h1 tabIndex={-1}>{t('history.title')}</h1>
      <p><a href={recordHref(id)}>{id}</a></p>
      {versions.loading && <Loading />}
      <ErrorBox error={versions.error} />
      {list.length > 0 && (
        <table class="table">
          <caption>{t('history.versions')}</caption>
          <thead><tr><th scope="col">{t('history.version')}</th><th scope="col">{t('history.when')}</th><th scope="col">{t('history.who')}</th><th scope="col">{t('history.why')}</th></tr></thead>
          <tbody>{list.map((item) => (
            <tr><td><a href={`/records/${id}?version=${item.version}`}>v{item.version}</a></td><td>{formatDateTime(item.created)}</td><td>{item.user}</td><td>{item.message}</td></tr>
          ))}</tbody>
        </table>
      )}
      {head > 1 && (
        <section aria-labelledby="diff-title">
          <h2 id="diff-title">{t('history.diff')}</h2>
          <div class="grid-2 narrow-controls">
            <label>{t('history.from')} <select value={from} onChange={(event) => choose('from', Number((event.target as HTMLSelectElement).value))}>{list.map((item) => <option value={item.version}>v{item.version}</option>)}</select></label>
            <label>{t('history.to')} <select value={to} onChange={(event) => choose('to', Number((event.target as HTMLSelectElement).value))}>{list.map((item) => <option value={item.version}>v{item.version}</option>)}</select></label>
          </div>
          <ErrorBox error={diff.error} />
          {diff.data && (
            Object.keys(diff.data.fields).length === 0 && !diff.data.files?.added.length && !diff.data.files?.removed.length && !diff.data.files?.changed.length && !diff.data.access
              ? <p>{t('history.same')}</p>
              : (
                <table class="table diff">
                  <thead><tr><th scope="col">{t('history.field')}</th><th scope="col">{t('history.before')}</th><th scope="col">{t('history.after')}</th></tr></thead>
                  <tbody>
                    {Object.entries(diff.data.fields).map(([name, change]) => (
                      <tr><th scope="row">{fieldLabel(name, kind)}</th><td><del>{show(change.from)}</del></td><td><ins>{show(change.to)}</ins></td></tr>
                    ))}
                    {diff.data.access && <tr><th scope="row">{t('edit.access')}</th><td><del>{JSON.stringify(diff.data.access.from)}</del></td><td><ins>{JSON.stringify(diff.data.access.to)}</ins></td></tr>}
                    {diff.data.files && [...diff.data.files.added.map((file) => ['+', file]), ...diff.data.files.removed.map((file) => ['−', file]), ...diff.data.files.changed.map((file) => ['~', file])].map(([mark, file]) => (
                      <tr><th scope="row">{t('edit.files')}</th><td>{mark === '+' ? '' : file}</td><td>{mark === '−' ? '' : `${mark} ${file}`}</td></tr>
                    ))}
                  </tbody>
                </table>
              )
          )}
        </section>
      )}
    </div>
  );
}
