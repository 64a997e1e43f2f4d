import { api } from '../api';
import type { CaseRatingAnswer, CaseStatusAnswer, TrackedCase } from '../api-types';

export type { CaseRating, CaseStatus, TrackedCase } from '../api-types';

const casePath = (slug: string) => `/api/v1/cases/${encodeURIComponent(slug)}`;

export const fetchCase = (slug: string, token: string) =>
  api<TrackedCase>(casePath(slug), { query: { token } });

export const sendReply = (slug: string, token: string, message: string) =>
  api<CaseStatusAnswer>(`${casePath(slug)}/messages`, {
    method: 'POST',
    query: { token },
    body: { message },
  });

export const reopenCase = (slug: string, token: string, reason: string) =>
  api<CaseStatusAnswer>(`${casePath(slug)}/reopen`, {
    method: 'POST',
    query: { token },
    body: { reason },
  });

export const rateCase = (slug: string, token: string, score: number, comment: string) =>
  api<CaseRatingAnswer>(`${casePath(slug)}/rating`, {
    method: 'POST',
    query: { token },
    body: comment.trim() ? { score, comment } : { score },
  });
