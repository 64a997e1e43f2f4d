import type { AuthProvider } from 'react-admin';
import { session, type SessionUser } from './session';

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      token?: string;
      user?: SessionUser;
      message?: string;
    };
    if (!response.ok || !body.token || !body.user) {
      throw new Error(body.message ?? 'ra.auth.sign_in_error');
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
