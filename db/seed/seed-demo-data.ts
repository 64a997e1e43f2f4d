import { randomUUID } from 'node:crypto';
import type { Orm } from '../orm';
import { Unit } from '../entities';
import { hashPassword, scryptParameters } from '../../services/auth/passwords';

export interface DemoUser {
  username: string;
  role: string;
  unitCode: string | null;
}

/**
 * Demo users for trying the back office: `admin`, `clerk`, `manager` and one unit-staff user per
 * unit named by the unit's code in lower case. Development only: production sets DEMO_DATA=false.
 */
export async function seedDemoUsers(
  orm: Orm,
  password: string,
  /** log2 of scrypt's N (PASSWORD_HASH_COST); OWASP's minimum unless a test asks for less. */
  passwordHashCost?: number,
): Promise<{ users: DemoUser[]; created: number }> {
  const em = orm.em.fork();
  const units = await em.find(Unit, {}, { orderBy: { code: 'asc' } });
  const users = demoUsersOf(units);
  const existing = new Set(
    (await em.execute<{ username: string }[]>('select username from users')).map((u) => u.username),
  );
  let created = 0;
  // Hashing is deliberately slow; hash only for users that do not exist yet.
  for (const user of users.filter((u) => !existing.has(u.username))) {
    const result = await em.execute<{ affectedRows?: number }>(
      `insert into users (id, username, display_name, role, unit_code, is_supervisor, password_hash)
       values (?, ?, ?, ?, ?, ?, ?) on conflict (username) do nothing`,
      [
        randomUUID(),
        user.username,
        displayName(user, units),
        user.role,
        user.unitCode,
        user.role === 'UNIT_STAFF',
        await hashPassword(password, scryptParameters(passwordHashCost)),
      ],
      'run',
    );
    created += result.affectedRows ?? 0;
  }
  return { users, created };
}

/** The demo users for these units, in the order they are listed. */
export function demoUsersOf(units: Unit[]): DemoUser[] {
  return [
    { username: 'admin', role: 'ADMIN', unitCode: null },
    { username: 'clerk', role: 'CLERK', unitCode: null },
    { username: 'manager', role: 'MANAGER', unitCode: null },
    ...units.map((unit) => ({ username: unit.code.toLowerCase(), role: 'UNIT_STAFF', unitCode: unit.code })),
  ];
}

/** The name a demo user is created with: with the username, it tells a demo user from a real one. */
export function displayName(user: DemoUser, units: Unit[]): string {
  if (user.unitCode) return `${units.find((u) => u.code === user.unitCode)?.name ?? user.unitCode} (demo)`;
  return (
    { admin: 'Administrator (demo)', clerk: 'Contact center clerk (demo)', manager: 'Manager (demo)' }[
      user.username
    ] ?? user.username
  );
}
