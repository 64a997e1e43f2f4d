import { z } from 'zod';
import { USER_ROLES } from '../../db/entities';

export const loginBody = z
  .object({
    username: z.string().trim().min(1, 'is required').max(100),
    password: z.string().min(1, 'is required').max(200),
  })
  .strict();

export const sessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  unitCode: z.string().nullable(),
  isSupervisor: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const loginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: sessionUser,
});
