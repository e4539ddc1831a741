// The server's REST API as typed calls. Every call sends the session cookie; unsafe methods send
// the session's CSRF token. Errors are ApiError with the problem+json detail the server wrote.
import { Store } from './store';

export interface LanguageValue { value: string; lang?: string; fallback?: boolean }
export interface RecordFile { path: string; media_type: string; size?: number; label?: string; url?: string; puid?: string; digest?: string }
export interface Access {
  metadata: string; files: string; groups: string[]; embargo_until: string | null;
  personal_data: boolean; closure_years: number | null; review_pending: boolean;
}
export interface ApiRecord {
  id: string; kind: string; level?: string; parent?: string; position?: number; version: number;
  fields: Record<string, LanguageValue[]>; access: Access; rights?: string; files?: RecordFile[];
  files_available?: boolean; created: string; modified: string; deleted?: boolean; lang?: string;
  links: Record<string, string>;
}
export interface Summary {
  id: string; kind: string; title: string; level?: string; date?: string; modified?: string;
  has_children?: boolean; child_count?: number; collection?: string; parent?: string; thumbnail?: string | null;
}
export interface Page<T> { items: T[]; next: string | null }
export interface FacetValue { value: string; label?: string; count: number }
export interface SearchHit {
  id: string; kind: string; title: string; title_lang?: string; snippet?: string; date?: string;
  collection?: string; has_images?: boolean; thumbnail?: string | null;
}
export interface SearchResult {
  total: number; hits: SearchHit[]; facets: Record<string, FacetValue[]>;
  suggestion: string | null; next: string | null;
}
export interface Session { user: string; display_name: string; roles: string[]; csrf_token: string; expires: string }

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: unknown = null) {
    super(message);
  }
}

export const session = new Store<Session | null>(null);

/** The API path of a record: "ark:/99999/x" -> "/api/v1/records/ark:/99999/x". */
export function recordApi(id: string, rest = ''): string {
  return `/api/v1/records/${id}${rest}`;
}

/** The IIIF identifier of a record: "ark:/99999/x" -> "99999~x". */
export function iiifId(id: string): string {
  const [, naan = '', name = ''] = id.match(/^ark:\/?([^/]+)\/(.+)$/) ?? [];
  return `${naan}~${name}`;
}

/** The record of a IIIF identifier, the inverse of iiifId: "99999~x" -> "ark:/99999/x", or null. */
export function recordOfIiifId(identifier: string): string | null {
  const [, naan, name] = identifier.match(/^([^~/]+)~([^~/]+)$/) ?? [];
  return naan && name ? `ark:/${naan}/${name}` : null;
}

export async function request<T>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  let payload: BodyInit | undefined;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    payload = body;
  } else if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
    payload = JSON.stringify(body);
  }
  const token = session.get()?.csrf_token;
  if (token && method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-Token', token);
  const response = await fetch(url, { ...init, method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const detail = (json as { detail?: string; title?: string } | null);
    throw new ApiError(response.status, detail?.detail ?? detail?.title ?? `${response.status} ${response.statusText}`, json);
  }
  return json as T;
}

export const get = <T>(url: string, init?: RequestInit) => request<T>('GET', url, undefined, init);

/** Uploads a file with progress (fetch cannot report upload progress): resolves to the upload id. */
export function upload(file: Blob, onProgress: (fraction: number) => void): Promise<{ upload: string; size: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/uploads');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const token = session.get()?.csrf_token;
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let json: any = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(new ApiError(xhr.status, json?.detail ?? `${xhr.status}`, json));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network error'));
    xhr.send(file);
  });
}

export async function loadSession(): Promise<void> {
  try {
    session.set(await get<Session>('/api/v1/session'));
  } catch {
    session.set(null);
  }
}

export function hasRole(current: Session | null, ...roles: string[]): boolean {
  // Roles as the accounts module writes them: "admin", "curator:<collection ARK>", "group:<name>".
  return !!current && current.roles.some((role) => roles.some((wanted) => role === wanted || role.startsWith(`${wanted}:`)));
}
