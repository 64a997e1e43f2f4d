import { HttpError } from 'react-admin';
import { session } from '../session';

/** Minimum length the API enforces (api/back-office/users/users.schemas.ts), checked early in forms. */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * The account actions beyond plain saving. Errors come back as react-admin HttpErrors, so forms
 * show the server's field messages (`body.errors`) next to their inputs.
 */
export async function runUserAction(userId: string, action: 'reset-password' | 'unlock', body: object = {}) {
  const response = await fetch(`/api/users/${encodeURIComponent(userId)}/${action}`, {
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
