import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const USER_ROLES = ['ADMIN', 'CLERK', 'UNIT_STAFF', 'MANAGER'] as const;
export type UserRole = (typeof USER_ROLES)[number];

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
  },
});
export type Session = InferEntity<typeof Session>;
