import { z } from 'zod';
import type { SessionUser } from '../../domain/auth/session-user';
import { USER_ROLES } from '../../domain/auth/user-roles';
import { password } from '../back-office/users/users.schemas';

export const loginBody = z
  .object({
    username: z.string().trim().min(1, 'is required').max(100),
    password: z.string().min(1, 'is required').max(200),
  })
  .strict();

export const changePasswordBody = z
  .object({
    username: z.string().trim().min(1, 'is required').max(100),
    currentPassword: z.string().min(1, 'is required').max(200),
    newPassword: password,
  })
  .strict();

export const sessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  unitCode: z.string().nullable(),
  isSupervisor: z.boolean(),
  // The schema documents the domain's type: a field added to one and not the other fails to compile.
}) satisfies z.ZodType<SessionUser>;
export type { SessionUser };

export const loginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: sessionUser,
});
