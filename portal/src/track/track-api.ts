import { api } from '../api';

export type CaseStatus =
  | 'NEW'
  | 'TRIAGE'
  | 'FORWARDED'
  | 'IN_PROGRESS'
  | 'WAITING_FOR_RESIDENT'
  | 'RESOLVED'
  | 'ANSWERED'
  | 'CLOSED'
  | 'CANCELLED'
  | 'MERGED';

export interface CaseRating {
  score: number;
  comment: string | null;
  ratedAt: string;
}

/** `GET /api/v1/cases/:slug?token=`: what the resident may see of the case. */
export interface TrackedCase {
  number: string;
  kind: 'INCIDENT' | 'INFORMATION' | 'SUGGESTION' | 'COMPLAINT';
  status: CaseStatus;
  eventCode: string | null;
  eventName: { pl: string; en: string } | null;
  district: string | null;
  unit: { code: string; name: string; nameEn: string } | null;
  location: { lat: number | null; lon: number | null; street: string | null; district: string | null } | null;
  createdAt: string;
  resolutionDueAt: string | null;
  awaitingResident: boolean;
  infoRequest: string | null;
  canReopen: boolean;
  reopenUntil: string | null;
  canRate: boolean;
  rating: CaseRating | null;
  history: { at: string; type: string; status: string | null; note: string | null }[];
}

const casePath = (slug: string) => `/api/v1/cases/${encodeURIComponent(slug)}`;

export const fetchCase = (slug: string, token: string) =>
  api<TrackedCase>(casePath(slug), { query: { token } });

export const sendReply = (slug: string, token: string, message: string) =>
  api<{ number: string; status: CaseStatus }>(`${casePath(slug)}/messages`, {
    method: 'POST',
    query: { token },
    body: { message },
  });

export const reopenCase = (slug: string, token: string, reason: string) =>
  api<{ number: string; status: CaseStatus }>(`${casePath(slug)}/reopen`, {
    method: 'POST',
    query: { token },
    body: { reason },
  });

export const rateCase = (slug: string, token: string, score: number, comment: string) =>
  api<{ number: string; rating: CaseRating }>(`${casePath(slug)}/rating`, {
    method: 'POST',
    query: { token },
    body: comment.trim() ? { score, comment } : { score },
  });
