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
    passwordHash: p.string().hidden(),
    active: p.boolean().default(true),
    failedLogins: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
