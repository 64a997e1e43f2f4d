import { apiJson, postJson, withQuery } from '../http';

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

/** A part of a street in the city's register, as the portal's street search answers it. */
export interface RegisterStreet {
  name: string;
  label: string;
  district: string;
  lat: number;
  lon: number;
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

/** The call methods of the data provider (dataProvider.ts). */
export const callMethods = {
  recordCall: (body: Record<string, unknown>, idempotencyKey: string) =>
    postJson<RecordedCall>('/api/calls', body, { 'Idempotency-Key': idempotencyKey }),
  callerHistory: (query: { email?: string; phone?: string }, signal?: AbortSignal) =>
    apiJson<EarlierCase[]>(withQuery('/api/calls/caller-history', query), { signal }),
  /** The portal's street search: the same register, the same diacritics-insensitive matching. */
  searchStreets: (q: string, signal?: AbortSignal) =>
    apiJson<{ items: RegisterStreet[] }>(withQuery('/api/v1/places/streets', { q, limit: 8 }), { signal }),
  callDistricts: () => apiJson<{ id: string; name: string }[]>('/api/calls/districts'),
};
