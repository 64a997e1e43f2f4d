/** The staff roles: a clerk of the contact center, a unit's staff, a manager, an administrator. */
export const USER_ROLES = ['ADMIN', 'CLERK', 'UNIT_STAFF', 'MANAGER'] as const;
export type UserRole = (typeof USER_ROLES)[number];
