import type { CaseAction } from '../../../domain/cases/case-actions';
import { apiJson, postJson } from '../http';

export type { CaseAction };

/** `GET /api/cases/:id/forward-targets`: the active units, suggested first, then the most used. */
export interface ForwardTarget {
  code: string;
  name: string;
  nameEn: string;
  forwards: number;
  suggested: boolean;
}

/** The order the buttons appear in: the usual next step first. */
export const CASE_ACTIONS = [
  'accept',
  'classify',
  'forward',
  'request-info',
  'resolve',
  'answer',
  'return',
  'reopen',
  'merge',
  'cancel',
  'comment',
] as const satisfies readonly CaseAction[];

/** Actions whose note is required by the API (the rest take an optional note). */
export const NOTE_REQUIRED: readonly CaseAction[] = [
  'request-info',
  'resolve',
  'answer',
  'return',
  'reopen',
  'cancel',
  'comment',
];

/** The case methods of the data provider (dataProvider.ts). */
export const caseMethods = {
  /** Runs a case action through the back-office API; a refusal is an HttpError with the field messages. */
  runCaseAction: (caseId: string, action: CaseAction, body: Record<string, unknown>) =>
    postJson<Record<string, unknown>>(`/api/cases/${caseId}/actions/${action}`, body),
  forwardTargets: (caseId: string) => apiJson<ForwardTarget[]>(`/api/cases/${caseId}/forward-targets`),
};
