import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../db/entities';
import type { UserRole } from '../../domain/auth/user-roles';
import type { FieldProblem } from '../../domain/errors';
import { revokeSessions, toSessionUser } from '../auth/back-office-sessions';
import { hashPassword, scryptParameters, usernameInPassword } from '../auth/passwords';
import { clearLoginFailures } from '../auth/sign-in';
import { changedFields, recordConfigChange, type ConfigEditor, type FieldChanges } from './audit-trail';
import {
  filterWhere,
  findRow,
  fork,
  insertAudited,
  updateAudited,
  type ConfigDeps,
  type ConfigTable,
} from './config-records';
import { configurationService } from './config-service';
import { unitProblem } from './references';
import { conflict, unprocessable } from './refusals';

/**
 * Back-office accounts: administrators manage them, managers may look at them. A password an
 * administrator sets is temporary (changed at the next sign-in) and never answered.
 */

const audited = (user: User) => ({
  ...toSessionUser(user),
  email: user.email ?? null,
  active: user.active,
  failedLogins: user.failedLogins,
  lockedUntil: user.lockedUntil?.toISOString() ?? null,
  mustChangePassword: user.mustChangePassword,
  createdAt: user.createdAt.toISOString(),
});

/** `locked`: locked now after repeated failed sign-ins (`lockedUntil` in the future). */
const recordOf = (user: User, now = new Date()) => ({
  ...audited(user),
  locked: Boolean(user.lockedUntil && user.lockedUntil > now),
});

const table: ConfigTable<User, ReturnType<typeof audited>, 'id'> = {
  entity: User,
  resource: 'users',
  key: 'id',
  noun: 'user',
  audited,
};

export interface NewAccount {
  username: string;
  displayName: string;
  role: UserRole;
  unitCode?: string | null;
  isSupervisor: boolean;
  email?: string | null;
  /** Temporary: to be changed at the first sign-in. */
  password: string;
  active: boolean;
}

/** Fields left out keep their values. */
export type AccountChange = Partial<Omit<NewAccount, 'username' | 'password'>>;

/**
 * Unit staff belong to exactly one existing unit; nobody else belongs to a unit, and only unit staff
 * supervise (the supervisor is who SLA breaches of the unit are mailed to).
 */
async function unitBindingProblems(
  em: EntityManager,
  target: { role: UserRole; unitCode: string | null; isSupervisor: boolean },
  previousUnitCode: string | null,
): Promise<FieldProblem[]> {
  if (target.role === 'UNIT_STAFF') {
    if (!target.unitCode) return [{ field: 'unitCode', message: 'unit staff must belong to a unit' }];
    if (target.unitCode === previousUnitCode) return [];
    return unitProblem(em, 'unitCode', target.unitCode, { districtOffice: false });
  }
  const problems: FieldProblem[] = [];
  if (target.unitCode) problems.push({ field: 'unitCode', message: 'only unit staff belong to a unit' });
  if (target.isSupervisor) {
    problems.push({ field: 'isSupervisor', message: 'only unit staff can be supervisors' });
  }
  return problems;
}

const hashOf = (deps: ConfigDeps, password: string) =>
  hashPassword(password, scryptParameters(deps.config.auth.passwordHashCost));

/** Creates an account with a temporary password, to be changed at the first sign-in. */
async function createAccount(deps: ConfigDeps, body: NewAccount, editor: ConfigEditor) {
  const em = fork(deps.orm);
  const unitCode = body.unitCode ?? null;
  const problems = await unitBindingProblems(em, { ...body, unitCode }, null);
  problems.push(...usernameInPassword('password', body.password, body.username));
  if (problems.length) throw unprocessable(problems);
  const unique = { field: 'username', message: `the username "${body.username}" is already taken` };
  if (await em.count(User, { username: body.username })) throw conflict(unique.field, unique.message);
  const passwordHash = await hashOf(deps, body.password);
  const data = {
    id: randomUUID(),
    username: body.username,
    displayName: body.displayName,
    role: body.role,
    unitCode,
    isSupervisor: body.isSupervisor,
    email: body.email ?? null,
    passwordHash,
    // The administrator knows this password: only the user may know the one they keep.
    mustChangePassword: true,
    active: body.active,
    failedLogins: 0,
    createdAt: new Date(),
  };
  return recordOf(await insertAudited(em, editor, table, data, { refusals: { unique } }));
}

/** Changes an account; deactivating it also ends its sessions. Nobody demotes or deactivates themself. */
async function changeAccount(
  deps: ConfigDeps,
  { id, body }: { id: string; body: AccountChange },
  editor: ConfigEditor,
) {
  const em = fork(deps.orm);
  const user = await findRow(em, table, id);
  const target = {
    role: body.role ?? user.role,
    unitCode: body.unitCode !== undefined ? body.unitCode : (user.unitCode ?? null),
    isSupervisor: body.isSupervisor ?? user.isSupervisor,
  };
  const problems = await unitBindingProblems(em, target, user.unitCode ?? null);
  // An administrator who could lock themself out might leave the city with no administrator.
  if (user.id === editor.staff?.id) {
    if (body.active === false) {
      problems.push({ field: 'active', message: 'you cannot deactivate your own account' });
    }
    if (target.role !== 'ADMIN') {
      problems.push({ field: 'role', message: 'you cannot take the administrator role from yourself' });
    }
  }
  if (problems.length) throw unprocessable(problems);
  const deactivated = user.active && body.active === false;
  const change = (row: User) => {
    Object.assign(row, target);
    if (body.displayName !== undefined) row.displayName = body.displayName;
    if (body.email !== undefined) row.email = body.email;
    if (body.active !== undefined) row.active = body.active;
  };
  const row = await updateAudited(em, editor, table, id, change, {
    action: deactivated ? 'deactivate' : 'update',
    then: deactivated ? (tx, changed) => revokeSessions(tx, changed.id) : undefined,
  });
  return recordOf(row);
}

/**
 * An administrator's action on an account, always recorded in the trail under `action` (even when
 * it changed no field: the attempt itself is worth knowing), with the changes `work` answers.
 */
async function accountAction(
  deps: ConfigDeps,
  user: User,
  editor: ConfigEditor,
  action: string,
  work: (tx: EntityManager, row: User) => Promise<FieldChanges>,
) {
  await fork(deps.orm).transactional(async (tx) => {
    const row = await findRow(tx, table, user.id);
    const changes = await work(tx, row);
    await recordConfigChange(tx, editor, { resource: 'users', recordId: row.id, action, changes });
  });
  return recordOf(await findRow(fork(deps.orm), table, user.id));
}

/**
 * Sets a temporary password, to be changed at the next sign-in: the account's sessions end and a
 * lock after failed sign-ins is lifted.
 */
export async function resetPassword(
  deps: ConfigDeps,
  { id, password }: { id: string; password: string },
  editor: ConfigEditor,
) {
  const user = await findRow(fork(deps.orm), table, id);
  const problems = usernameInPassword('password', password, user.username);
  if (problems.length) throw unprocessable(problems);
  const passwordHash = await hashOf(deps, password);
  return accountAction(deps, user, editor, 'reset-password', async (tx, row) => {
    Object.assign(row, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
    await tx.flush();
    await revokeSessions(tx, row.id);
    await clearLoginFailures(tx, row.username);
    return { password: { from: '[secret]', to: '[secret]' } };
  });
}

/** Lifts the lock after repeated failed sign-ins, for every address the user signs in from. */
export async function unlockAccount(deps: ConfigDeps, id: string, editor: ConfigEditor) {
  const user = await findRow(fork(deps.orm), table, id);
  const before = audited(user);
  return accountAction(deps, user, editor, 'unlock', async (tx, row) => {
    Object.assign(row, { failedLogins: 0, lockedUntil: null });
    await tx.flush();
    await clearLoginFailures(tx, row.username);
    return changedFields(before, audited(row));
  });
}

const { list, get } = configurationService({
  ...table,
  present: (user) => recordOf(user),
  page: { defaultSort: 'username' },
  where: ({ locked, ...filter }) => {
    const where = filterWhere(filter, { search: ['username', 'displayName', 'email'] });
    if (locked === true) where.lockedUntil = { $gt: new Date() };
    if (locked === false)
      where.$and = [{ $or: [{ lockedUntil: null }, { lockedUntil: { $lte: new Date() } }] }];
    return where;
  },
});

/** The accounts' list and each account; creating and changing one follow the rules above. No deletion. */
export const users = { list, get, create: createAccount, update: changeAccount };
