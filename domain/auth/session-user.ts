import type { UserRole } from './user-roles';

/** The signed-in staff member every back-office rule is decided for. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  unitCode: string | null;
  isSupervisor: boolean;
}
