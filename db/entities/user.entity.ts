import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { USER_ROLES, type UserRole } from '../../domain/auth/user-roles';

export { USER_ROLES, type UserRole };

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    username: p.string().unique(),
    displayName: p.string(),
    role: p.string().$type<UserRole>(),
    unitCode: p.string().nullable(),
    isSupervisor: p.boolean().default(false),
    email: p.string().nullable(),
    passwordHash: p.string().hidden(),
    active: p.boolean().default(true),
    failedLogins: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    /** The password was set by an administrator: the next sign-in must choose a new one. */
    mustChangePassword: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;

/** A signed-in session; the token names it, so logging out revokes the token before it expires. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    /** Last authenticated request (coarsely: written at most once a minute); the idle timeout reads it. */
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    /** Where the session was opened from: the user's own addresses are spared the sign-in slow-down. */
    clientAddress: p.string().nullable(),
  },
});
export type Session = InferEntity<typeof Session>;
