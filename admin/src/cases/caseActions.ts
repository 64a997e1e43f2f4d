import { HttpError } from 'react-admin';
import type { CaseAction } from '../../../domain/cases/case-actions';

export type { CaseAction };
import { session } from '../session';

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

/**
 * Runs a case action through the back-office API. Errors come back as react-admin HttpErrors, so
 * forms show the server's field messages (`body.errors`) next to their inputs.
 */
export async function runCaseAction(caseId: string, action: CaseAction, body: Record<string, unknown>) {
  const response = await fetch(`/api/cases/${caseId}/actions/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token() ?? ''}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as {
    message?: string;
    errors?: Record<string, string>;
  };
  if (!response.ok) throw new HttpError(json.message ?? response.statusText, response.status, json);
  return json;
}
