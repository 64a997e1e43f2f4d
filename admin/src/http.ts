import { HttpError, type fetchUtils } from 'react-admin';
import { session } from './session';

/**
 * Every request of the back office goes through here: the bearer token of the session, JSON
 * bodies, and refusals as react-admin HttpErrors carrying the server's message and body, so forms
 * show the server's field messages (`body.errors`) next to their inputs. Sign-in itself
 * (authProvider.ts) and the live streams (liveRefresh.ts, chats/useChatSocket.ts) are the only
 * requests made elsewhere.
 */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers ?? { Accept: 'application/json' });
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const method = init.method ?? 'GET';
  if (init.body && method !== 'GET' && !(init.body instanceof FormData) && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  const response = await fetch(url, { ...init, headers });
  if (!response.ok) {
    const body = (await readJson(response)) as { message?: string };
    throw new HttpError(body.message ?? response.statusText, response.status, body);
  }
  return response;
}

/** The JSON of an answer; `{}` when it has none. */
const readJson = (response: Response): Promise<unknown> => response.json().catch(() => ({}));

/** A JSON request; `body`, when given, is sent as JSON. */
export async function apiJson<T>(
  url: string,
  options: { method?: string; body?: unknown; headers?: HeadersInit; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await apiFetch(url, {
    method: options.method,
    headers: options.headers,
    signal: options.signal,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return (await readJson(response)) as T;
}

/** A POST of a JSON body (or of none), answered with JSON. */
export const postJson = <T>(url: string, body?: unknown, headers?: HeadersInit) =>
  apiJson<T>(url, { method: 'POST', body, headers });

/** `path?query` without the empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The HTTP client of ra-data-simple-rest: react-admin's fetchJson answer, from the same requests. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const { user: _user, ...init } = options;
  const response = await apiFetch(url, init);
  const body = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON (an empty answer): simple-rest reads only the headers then
  }
  return { status: response.status, headers: response.headers, body, json };
}
