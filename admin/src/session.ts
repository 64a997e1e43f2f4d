const TOKEN_KEY = 'civicflow.token';
const USER_KEY = 'civicflow.user';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: 'ADMIN' | 'CLERK' | 'UNIT_STAFF' | 'MANAGER';
  unitCode: string | null;
}

export const session = {
  token: () => localStorage.getItem(TOKEN_KEY),
  user: (): SessionUser | null => {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  },
  save(token: string, user: SessionUser) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  },
};
