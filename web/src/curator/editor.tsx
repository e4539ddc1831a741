// The record editor: the kind's profile as a form, multilingual fields with their four languages
// side by side, EDTF dates with help and a preview, access (levels, groups, embargo, closure,
// personal data), rights, files to add or remove, and the server's validation message shown at
// the field it names. Saving sends the version read, so a concurrent edit is refused, not lost.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, recordApi, request, upload, type Access, type ApiRecord, type LanguageValue } from '../api';
import { ErrorBox, forgetCached, Loading, useTitle } from '../components/common';
import { rightsLabel } from '../components/rights';
import { formatEdtf, languageNames, languages, useT } from '../i18n';
import { kindLabel, kinds, levelLabel, localized, profiles, type ProfileField } from '../profiles';
import { navigate } from '../router';

type Fields = Record<string, LanguageValue[]>;
const levels = ['public', 'registered', 'restricted', 'closed'];
const rightsChoices = [
  'http://rightsstatements.org/vocab/InC/1.0/', 'http://rightsstatements.org/vocab/InC-NC/1.0/',
  'http://rightsstatements.org/vocab/InC-EDU/1.0/', 'http://rightsstatements.org/vocab/NoC-NC/1.0/',
  'http://rightsstatements.org/vocab/CNE/1.0/', 'http://rightsstatements.org/vocab/UND/1.0/',
  'https://creativecommons.org/publicdomain/zero/1.0/', 'https://creativecommons.org/publicdomain/mark/1.0/',
  'https://creativecommons.org/licenses/by/4.0/', 'https://creativecommons.org/licenses/by-sa/4.0/',
  'https://creativecommons.org/licenses/by-nc/4.0/',
];
const defaultAccess: Access = { metadata: 'public', files: 'public', groups: [], embargo_until: null, personal_data: false, closure_years: null, review_pending: false };

/** The server's message names a member such as "fields.date[0].value" or a field such as "date". */
function fieldOfMessage(message: string, names: string[]): string | null {
  const member = message.match(/fields\.([a-z_]+)/);
  if (member) return member[1];
  for (const name of names) if (new RegExp(`"${name}"|\\b${name}\\b:`).test(message)) return name;
  return null;
}

function FieldEditor({ field, values, onChange, error }: { field: ProfileField; values: LanguageValue[]; onChange: (values: LanguageValue[]) => void; error: string | null }) {
  const t = useT();
  const id = `field-${field.name}`;
  const label = localized(field.label);
  const long = ['description', 'scope_and_content', 'biography', 'provenance', 'arrangement'].includes(field.name);
  const help = field.type === 'edtf' ? `${id}-help` : undefined;
  const described = [help, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const input = (value: string, set: (text: string) => void, inputId: string, inputLabel: string | null, lang?: string) => {
    const props = {
      id: inputId, value, lang, 'aria-describedby': described, 'aria-invalid': error ? true : undefined,
      'aria-label': inputLabel ?? undefined, required: field.required && !lang ? true : undefined,
      onInput: (event: Event) => set((event.target as HTMLInputElement).value),
    };
    if (field.values) {
      return (
        <select {...props as any}>
          <option value="">—</option>
          {field.values.map((choice) => <option value={choice}>{choice.replace(/_/g, ' ')}</option>)}
        </select>
      );
    }
    return long ? <textarea rows={3} {...props} /> : <input {...({ ...props, type: field.type === 'integer' ? 'number' : 'text' } as any)} />;
  };
  if (field.multilingual) {
    const rows = Math.max(1, ...languages.map((language) => values.filter((value) => value.lang === language).length));
    const valueAt = (language: string, index: number) => values.filter((value) => value.lang === language)[index]?.value ?? '';
    const setAt = (language: string, index: number, text: string) => {
      const byLanguage = Object.fromEntries(languages.map((code) => [code, values.filter((value) => value.lang === code).map((value) => value.value)]));
      while (byLanguage[language].length <= index) byLanguage[language].push('');
      byLanguage[language][index] = text;
      const others = values.filter((value) => !value.lang || !languages.includes(value.lang as never));
      onChange([...others, ...languages.flatMap((code) => byLanguage[code].filter((text2) => text2 !== '' || code === language).map((text2) => ({ lang: code, value: text2 })))]);
    };
    return (
      <fieldset class="field-editor multilingual" data-field={field.name}>
        <legend>{label}{field.required && <span class="required" aria-hidden="true"> *</span>}</legend>
        {Array.from({ length: rows }, (_, index) => (
          <div class="languages">
            {languages.map((language) => (
              <div class="language-cell">
                <label for={`${id}-${language}-${index}`} lang={language}>{languageNames[language]}</label>
                {input(valueAt(language, index), (text) => setAt(language, index, text), `${id}-${language}-${index}`, null, language)}
              </div>
            ))}
          </div>
        ))}
        {field.repeatable && <button type="button" class="link" onClick={() => onChange([...values, { lang: 'kk', value: '' }])}>{t('edit.addValue')}</button>}
        {error && <p id={`${id}-error`} class="field-error">{error}</p>}
      </fieldset>
    );
  }
  const shown = values.length > 0 ? values : [{ value: '' }];
  return (
    <div class="field-editor" data-field={field.name}>
      <label for={`${id}-0`}>{label}{field.required && <span class="required" aria-hidden="true"> *</span>}</label>
      {shown.map((value, index) => (
        <div class="value-row">
          {input(value.value, (text) => onChange(shown.map((item, i) => (i === index ? { ...item, value: text } : item)).filter((item) => item.value !== '' || shown.length === 1)), `${id}-${index}`, index > 0 ? `${label} ${index + 1}` : null)}
          {field.type === 'edtf' && value.value && formatEdtf(value.value) !== value.value && <span class="preview" aria-live="polite">{formatEdtf(value.value)}</span>}
        </div>
      ))}
      {field.repeatable && <button type="button" class="link" onClick={() => onChange([...shown, { value: '' }])}>{t('edit.addValue')}</button>}
      {field.type === 'edtf' && <p id={help} class="help">{t('edit.edtfHelp')}</p>}
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}

export function Editor({ id, parent }: { id: string | null; parent: string | null }) {
  const t = useT();
  const [record, setRecord] = useState<ApiRecord | null>(null);
  const [kind, setKind] = useState('museum_object');
  const [level, setLevel] = useState('');
  const [fields, setFields] = useState<Fields>({});
  const [access, setAccess] = useState<Access>(defaultAccess);
  const [rights, setRights] = useState('');
  const [remove, setRemove] = useState<string[]>([]);
  const [added, setAdded] = useState<{ path: string; upload: string }[]>([]);
  const [uploading, setUploading] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  useTitle(id ? t('edit.title') : t('curate.new'));

  useEffect(() => {
    if (!id) return;
    get<ApiRecord>(recordApi(id)).then((loaded) => {
      setRecord(loaded);
      setKind(loaded.kind);
      setLevel(loaded.level ?? '');
      setFields(loaded.fields);
      setAccess({ ...defaultAccess, ...loaded.access });
      setRights(loaded.rights ?? '');
    }, (caught) => setLoadError(caught));
  }, [id]);

  if (loadError) return <><h1 tabIndex={-1}>{t('edit.title')}</h1><ErrorBox error={loadError} /></>;
  if (id && !record) return <Loading />;
  const profile = profiles[kind];
  const names = profile?.fields.map((field) => field.name) ?? [];
  const errorField = error ? fieldOfMessage(error.message, names) : null;

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const cleaned = Object.fromEntries(Object.entries(fields)
      .map(([name, values]) => [name, values.filter((value) => value.value.trim() !== '')])
      .filter(([, values]) => (values as LanguageValue[]).length > 0));
    const body: Record<string, unknown> = { kind, fields: cleaned, access, files: added };
    if (level) body.level = level;
    if (rights) body.rights = rights;
    if (message) body.message = message;
    try {
      let saved: ApiRecord;
      if (record) {
        saved = await request<ApiRecord>('PUT', recordApi(record.id), { ...body, version: record.version, remove_files: remove, parent: record.parent });
      } else {
        saved = await request<ApiRecord>('POST', '/api/v1/records', { ...body, parent: parent ?? undefined });
      }
      forgetCached(recordApi(saved.id));
      navigate(`/records/${saved.id}`);
    } catch (caught) {
      setError(caught as ApiError);
      window.setTimeout(() => document.getElementById('edit-error')?.focus(), 0);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="editor form" onSubmit={save} noValidate>
      <h1 tabIndex={-1}>{id ? t('edit.title') : t('curate.new')}</h1>
      {record && <p class="muted">{record.id} · {t('edit.version', { n: record.version })}</p>}
      {error && (
        <div id="edit-error" class="error" role="alert" tabIndex={-1}>
          <p><strong>{error.status === 409 || error.status === 412 ? t('edit.conflict') : t('edit.invalid')}</strong></p>
          <p>{error.message}</p>
        </div>
      )}
      {!record && (
        <div class="field-editor">
          <label for="kind">{t('edit.kind')}</label>
          <select id="kind" value={kind} onChange={(event) => setKind((event.target as HTMLSelectElement).value)}>
            {kinds.map((name) => <option value={name}>{kindLabel(name)}</option>)}
          </select>
        </div>
      )}
      {kind === 'archival_unit' && (
        <div class="field-editor">
          <label for="level">{t('edit.level')}</label>
          <select id="level" value={level} onChange={(event) => setLevel((event.target as HTMLSelectElement).value)}>
            {['', 'fonds', 'sub-fonds', 'series', 'sub-series', 'file', 'item'].map((name) => <option value={name}>{name ? levelLabel(name) : '—'}</option>)}
          </select>
        </div>
      )}
      {profile?.fields.map((field) => (
        <FieldEditor field={field} values={fields[field.name] ?? []} error={errorField === field.name ? error!.message : null}
          onChange={(values) => setFields({ ...fields, [field.name]: values })} />
      ))}

      <fieldset class="access-editor">
        <legend>{t('edit.access')}</legend>
        <div class="grid-2">
          <div>
            <label for="access-metadata">{t('edit.metadataAccess')}</label>
            <select id="access-metadata" value={access.metadata} onChange={(event) => setAccess({ ...access, metadata: (event.target as HTMLSelectElement).value })}>
              {levels.map((name) => <option value={name}>{t(`level.${name}` as never)}</option>)}
            </select>
          </div>
          <div>
            <label for="access-files">{t('edit.filesAccess')}</label>
            <select id="access-files" value={access.files} onChange={(event) => setAccess({ ...access, files: (event.target as HTMLSelectElement).value })}>
              {levels.map((name) => <option value={name}>{t(`level.${name}` as never)}</option>)}
            </select>
          </div>
          <div>
            <label for="access-groups">{t('edit.groups')}</label>
            <input id="access-groups" value={access.groups.join(', ')} aria-describedby="access-groups-help"
              onInput={(event) => setAccess({ ...access, groups: (event.target as HTMLInputElement).value.split(',').map((group) => group.trim()).filter(Boolean) })} />
            <p id="access-groups-help" class="help">{t('edit.groupsHelp')}</p>
          </div>
          <div>
            <label for="access-embargo">{t('edit.embargo')}</label>
            <input id="access-embargo" type="date" value={access.embargo_until ?? ''} onInput={(event) => setAccess({ ...access, embargo_until: (event.target as HTMLInputElement).value || null })} />
          </div>
          <div>
            <label for="access-closure">{t('edit.closure')}</label>
            <input id="access-closure" type="number" min={0} max={150} value={access.closure_years ?? ''}
              onInput={(event) => {
                const text = (event.target as HTMLInputElement).value;
                setAccess({ ...access, closure_years: text ? Number(text) : null });
              }} />
          </div>
          <div class="checkbox">
            <input id="access-personal" type="checkbox" checked={access.personal_data} onChange={(event) => setAccess({ ...access, personal_data: (event.target as HTMLInputElement).checked })} />
            <label for="access-personal">{t('edit.personalData')}</label>
          </div>
        </div>
      </fieldset>

      <div class="field-editor">
        <label for="rights">{t('record.rights')}</label>
        <select id="rights" value={rights} onChange={(event) => setRights((event.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {[...new Set([...rightsChoices, ...(rights ? [rights] : [])])].map((uri) => <option value={uri}>{rightsLabel(uri, t)}</option>)}
        </select>
      </div>

      <fieldset>
        <legend>{t('edit.files')}</legend>
        <ul class="file-list">
          {(record?.files ?? []).map((file) => (
            <li class="checkbox">
              <input id={`remove-${file.path}`} type="checkbox" checked={remove.includes(file.path)}
                onChange={(event) => setRemove((event.target as HTMLInputElement).checked ? [...remove, file.path] : remove.filter((path) => path !== file.path))} />
              <label for={`remove-${file.path}`}>{t('edit.removeFile', { file: file.path })}</label>
            </li>
          ))}
          {added.map((file) => <li>{t('edit.addedFile', { file: file.path })}</li>)}
        </ul>
        <label for="add-file">{t('edit.addFile')}</label>
        <input id="add-file" type="file" multiple onChange={async (event) => {
          const chosen = [...((event.target as HTMLInputElement).files ?? [])];
          for (const file of chosen) {
            try {
              setUploading(0);
              const uploaded = await upload(file, setUploading);
              setAdded((previous) => [...previous, { path: file.name, upload: uploaded.upload }]);
            } catch (caught) {
              setError(caught as ApiError);
            } finally {
              setUploading(null);
            }
          }
        }} />
        {uploading !== null && <progress max={1} value={uploading} aria-label={t('upload.progress')} />}
      </fieldset>

      {record && (
        <div class="field-editor">
          <label for="message">{t('edit.message')}</label>
          <input id="message" value={message} onInput={(event) => setMessage((event.target as HTMLInputElement).value)} />
        </div>
      )}
      <p class="actions">
        <button type="submit" disabled={saving || uploading !== null} data-testid="save">{t('edit.save')}</button>
        {record && <a class="button secondary" href={`/records/${record.id}`}>{t('edit.cancel')}</a>}
      </p>
    </form>
  );
}
