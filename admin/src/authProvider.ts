import type { AuthProvider } from 'react-admin';
import { session, type SessionUser } from './session';

/** A refused sign-in, with the API's code (PASSWORD_CHANGE_REQUIRED makes the form ask for a new password). */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export const authProvider: AuthProvider = {
  /** With `newPassword`, replaces the (temporary) password and signs in with the new one. */
  async login({
    username,
    password,
    newPassword,
  }: {
    username: string;
    password: string;
    newPassword?: string;
  }) {
    const response = await fetch(newPassword ? '/api/auth/change-password' : '/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(
        newPassword ? { username, currentPassword: password, newPassword } : { username, password },
      ),
    });
    const body = (await response.json().catch(() => ({}))) as {
      token?: string;
      user?: SessionUser;
      code?: string;
      message?: string;
      errors?: Record<string, string>;
    };
    if (!response.ok || !body.token || !body.user) {
      // The field's own words ("must not contain the username") say more than the summary.
      const detail = body.errors ? Object.values(body.errors)[0] : undefined;
      throw new SignInError(
        detail ? `${body.message ?? ''} (${detail})` : (body.message ?? 'ra.auth.sign_in_error'),
        body.code,
      );
    }
    session.save(body.token, body.user);
  },
  async logout() {
    const token = session.token();
    session.clear();
    if (token) {
      await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      }).catch(() => undefined);
    }
  },
  async checkAuth() {
    if (!session.token()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: { status?: number }) {
    if (error.status === 401) {
      session.clear();
      throw new Error('ra.auth.auth_check_error');
    }
  },
  async getIdentity() {
    const user = session.user();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { id: user.id, fullName: user.displayName };
  },
  async getPermissions() {
    return session.user()?.role ?? null;
  },
};
