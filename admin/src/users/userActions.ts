import { postJson } from '../http';

/** Minimum length the API enforces (api/back-office/users/users.schemas.ts), checked early in forms. */
export const PASSWORD_MIN_LENGTH = 12;

/** The data provider's account actions beyond plain saving (dataProvider.ts). */
export const userMethods = {
  /** A refusal is an HttpError whose body names the fields (`body.errors`). */
  runUserAction: (userId: string, action: 'reset-password' | 'unlock', body: object = {}) =>
    postJson<Record<string, unknown>>(`/api/users/${encodeURIComponent(userId)}/${action}`, body),
};
