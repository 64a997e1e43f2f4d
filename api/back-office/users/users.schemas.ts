import { z } from 'zod';
import { USER_ROLES } from '../../../domain/auth/user-roles';
import { listQuerySchema } from '../list-query';

/** Long passphrases beat complexity rules (NIST SP 800-63B); 200 is what the sign-in accepts. */
export const PASSWORD_MIN_LENGTH = 12;

export const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, 'must be at most 200 characters')
  .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, 'must not be mostly spaces');

// Sign-in lower-cases the username, so stored usernames are lower case too.
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3 to 64 characters: letters, digits, dot, dash, underscore');

const displayName = z.string().trim().min(1, 'is required').max(200);
const email = z.email('must be an e-mail address').max(255).nullable();
const unitCode = z.string().trim().min(1).max(64).nullable();

export const userRecord = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  unitCode: z.string().nullable(),
  isSupervisor: z.boolean(),
  email: z.string().nullable(),
  active: z.boolean(),
  failedLogins: z.number().int(),
  lockedUntil: z.string().nullable(),
  /** Locked now after repeated failed sign-ins (`lockedUntil` in the future). */
  locked: z.boolean(),
  /** The password was set by an administrator and must be changed at the next sign-in. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});

export const userListQuery = listQuerySchema(
  ['id', 'username', 'displayName', 'role', 'unitCode', 'active', 'createdAt'] as const,
  {
    id: z.array(z.uuid()).max(500).optional(),
    role: z.union([z.enum(USER_ROLES), z.array(z.enum(USER_ROLES)).max(4)]).optional(),
    unitCode: z.string().max(64).optional(),
    active: z.boolean().optional(),
    locked: z.boolean().optional(),
    q: z.string().trim().max(100).optional(),
  },
);

export const createUserBody = z
  .object({
    username,
    displayName,
    role: z.enum(USER_ROLES),
    unitCode: unitCode.optional(),
    isSupervisor: z.boolean().default(false),
    email: email.optional(),
    password,
    active: z.boolean().default(true),
  })
  .strict();

/**
 * react-admin sends the whole record back on save: read-only fields (username, counters) are
 * accepted and ignored, and fields left out keep their values.
 */
export const updateUserBody = z.object({
  displayName: displayName.optional(),
  role: z.enum(USER_ROLES).optional(),
  unitCode: unitCode.optional(),
  isSupervisor: z.boolean().optional(),
  email: email.optional(),
  active: z.boolean().optional(),
});

export const resetPasswordBody = z.object({ password }).strict();

export const userIdParams = z.object({ id: z.uuid() });
