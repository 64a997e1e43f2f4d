import { HttpError } from 'react-admin';
import { session } from '../session';

export interface RecordedCall {
  id: string;
  number: string;
  status: string;
  answeredOnIntake: boolean;
}

export interface EarlierCase {
  id: string;
  number: string;
  kind: string;
  status: string;
  eventCode: string | null;
  channel: string;
  createdAt: string;
  matchedBy: ('email' | 'phone')[];
}

async function callApi<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${session.token() ?? ''}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const response = await fetch(url, { ...init, headers });
  const json = (await response.json().catch(() => ({}))) as { message?: string };
  // HttpError carries the body, so forms can put the server's field messages next to the inputs.
  if (!response.ok) throw new HttpError(json.message ?? response.statusText, response.status, json);
  return json as T;
}

/**
 * A key per call on the form: a double click or a retry after a lost answer finds the case the
 * first request made instead of making a second one. crypto.randomUUID needs a secure context,
 * which an intranet back office over plain HTTP is not; getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `call-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const recordCall = (body: Record<string, unknown>, idempotencyKey: string) =>
  callApi<RecordedCall>('/api/calls', {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(body),
  });

export const callerHistory = (query: { email?: string; phone?: string }, signal?: AbortSignal) => {
  const params = new URLSearchParams();
  if (query.email) params.set('email', query.email);
  if (query.phone) params.set('phone', query.phone);
  return callApi<EarlierCase[]>(`/api/calls/caller-history?${params.toString()}`, { signal });
};

export const districts = () => callApi<{ id: string; name: string }[]>('/api/calls/districts');
