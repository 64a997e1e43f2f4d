import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Session, Unit, User, type UserRole } from '../../../db/entities';
import { AppError, type FieldProblem } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { hashPassword, scryptParameters } from '../../../services/auth/passwords';
import { clearLoginFailures } from '../../../services/auth/sign-in';
import {
  changedFields,
  conflict,
  pageOptions,
  recordConfigChange,
  refuseDuplicates,
  unprocessable,
} from '../configuration';
import { contentRange } from '../list-query';
import {
  createUserBody,
  resetPasswordBody,
  updateUserBody,
  userIdParams,
  userListQuery,
  userRecord,
} from './users.schemas';

const toRecord = (user: User, now = new Date()) => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  unitCode: user.unitCode ?? null,
  isSupervisor: user.isSupervisor,
  email: user.email ?? null,
  active: user.active,
  failedLogins: user.failedLogins,
  lockedUntil: user.lockedUntil?.toISOString() ?? null,
  locked: Boolean(user.lockedUntil && user.lockedUntil > now),
  mustChangePassword: user.mustChangePassword,
  createdAt: user.createdAt.toISOString(),
});

const auditable = (user: User) => {
  const { locked: _locked, ...fields } = toRecord(user);
  return fields;
};

/** Ends every session of the user: a disabled account or a reset password must not stay signed in. */
async function revokeSessions(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(Session, { userId, revokedAt: null }, { revokedAt: new Date() });
}

/**
 * Unit staff belong to exactly one existing unit; nobody else belongs to a unit, and only unit staff
 * supervise (the supervisor is who SLA breaches of the unit are mailed to).
 */
async function unitProblems(
  em: EntityManager,
  target: { role: UserRole; unitCode: string | null; isSupervisor: boolean },
  previousUnitCode: string | null,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (target.role === 'UNIT_STAFF') {
    if (!target.unitCode) {
      problems.push({ field: 'unitCode', message: 'unit staff must belong to a unit' });
    } else if (target.unitCode !== previousUnitCode) {
      const unit = await em.findOne(Unit, { code: target.unitCode });
      if (!unit) problems.push({ field: 'unitCode', message: `unknown unit "${target.unitCode}"` });
      else if (!unit.active)
        problems.push({ field: 'unitCode', message: `unit "${target.unitCode}" is not active` });
    }
  } else {
    if (target.unitCode) {
      problems.push({ field: 'unitCode', message: 'only unit staff belong to a unit' });
    }
    if (target.isSupervisor) {
      problems.push({ field: 'isSupervisor', message: 'only unit staff can be supervisors' });
    }
  }
  return problems;
}

/** Administrators manage back-office accounts; managers may look at them. */
export const userRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER');
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  // A body that parses but makes no sense for the account is 422, like a body of the wrong shape.
  const config = { validationStatus: 422 as const };

  const findUser = async (em: EntityManager, id: string) => {
    const user = await em.findOne(User, { id });
    if (!user) throw new AppError('NOT_FOUND', `No user ${id}`);
    return user;
  };

  app.get(
    '/users',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Back-office accounts',
        security,
        querystring: userListQuery,
        response: { 200: z.array(userRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.role) where.role = Array.isArray(filter.role) ? { $in: filter.role } : filter.role;
      if (filter.unitCode) where.unitCode = filter.unitCode;
      if (filter.active !== undefined) where.active = filter.active;
      const and: Record<string, unknown>[] = [];
      if (filter.locked === true) where.lockedUntil = { $gt: new Date() };
      if (filter.locked === false)
        and.push({ $or: [{ lockedUntil: null }, { lockedUntil: { $lte: new Date() } }] });
      if (filter.q) {
        const like = `%${filter.q}%`;
        and.push({
          $or: [
            { username: { $ilike: like } },
            { displayName: { $ilike: like } },
            { email: { $ilike: like } },
          ],
        });
      }
      if (and.length) where.$and = and;
      const { from, options } = pageOptions(request.query, 'username');
      const [users, total] = await deps.orm.em.fork().findAndCount(User, where, options);
      reply.header('Content-Range', contentRange('users', from, users.length, total));
      return users.map((user) => toRecord(user));
    },
  );

  app.get(
    '/users/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One back-office account',
        security,
        params: userIdParams,
        response: { 200: userRecord },
      },
    },
    async (request) => toRecord(await findUser(deps.orm.em.fork() as EntityManager, request.params.id)),
  );

  app.post(
    '/users',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary:
          'Create an account with a temporary password, to be changed at the first sign-in (the password is never returned)',
        security,
        body: createUserBody,
        response: { 201: userRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const problems = await unitProblems(
        em,
        { role: body.role, unitCode: body.unitCode ?? null, isSupervisor: body.isSupervisor },
        null,
      );
      if (body.password.toLowerCase().includes(body.username)) {
        problems.push({ field: 'password', message: 'must not contain the username' });
      }
      if (problems.length) throw unprocessable(problems);
      const taken = `the username "${body.username}" is already taken`;
      if (await em.count(User, { username: body.username })) throw conflict('username', taken);
      const passwordHash = await hashPassword(
        body.password,
        scryptParameters(deps.config.auth.passwordHashCost),
      );
      const user = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(User, {
              id: randomUUID(),
              username: body.username,
              displayName: body.displayName,
              role: body.role,
              unitCode: body.unitCode ?? null,
              isSupervisor: body.isSupervisor,
              email: body.email ?? null,
              passwordHash,
              // The administrator knows this password: only the user may know the one they keep.
              mustChangePassword: true,
              active: body.active,
              failedLogins: 0,
              createdAt: new Date(),
            });
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'users',
              recordId: created.id,
              action: 'create',
              changes: changedFields({}, auditable(created)),
            });
            return created;
          }),
        'username',
        taken,
      );
      return reply.status(201).send(toRecord(user));
    },
  );

  app.put(
    '/users/:id',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Change an account; deactivating it also ends its sessions',
        security,
        params: userIdParams,
        body: updateUserBody,
        response: { 200: userRecord },
      },
    },
    async (request) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const user = await findUser(em, request.params.id);
      const target = {
        role: body.role ?? user.role,
        unitCode: body.unitCode !== undefined ? body.unitCode : (user.unitCode ?? null),
        isSupervisor: body.isSupervisor ?? user.isSupervisor,
      };
      const problems = await unitProblems(em, target, user.unitCode ?? null);
      // An administrator who could lock themself out might leave the city with no administrator.
      if (user.id === request.staff?.id) {
        if (body.active === false)
          problems.push({ field: 'active', message: 'you cannot deactivate your own account' });
        if (target.role !== 'ADMIN')
          problems.push({ field: 'role', message: 'you cannot take the administrator role from yourself' });
      }
      if (problems.length) throw unprocessable(problems);
      const before = auditable(user);
      const deactivated = user.active && body.active === false;
      await em.transactional(async (tx) => {
        const row = await tx.findOneOrFail(User, { id: user.id });
        row.role = target.role;
        row.unitCode = target.unitCode;
        row.isSupervisor = target.isSupervisor;
        if (body.displayName !== undefined) row.displayName = body.displayName;
        if (body.email !== undefined) row.email = body.email;
        if (body.active !== undefined) row.active = body.active;
        await tx.flush();
        if (deactivated) await revokeSessions(tx, row.id);
        const changes = changedFields(before, auditable(row));
        if (Object.keys(changes).length) {
          await recordConfigChange(tx, request, {
            resource: 'users',
            recordId: row.id,
            action: deactivated ? 'deactivate' : 'update',
            changes,
          });
        }
      });
      return toRecord(await findUser(deps.orm.em.fork() as EntityManager, user.id));
    },
  );

  app.post(
    '/users/:id/reset-password',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary:
          "Set a temporary password, to be changed at the next sign-in; the account's sessions end and a lock is lifted",
        security,
        params: userIdParams,
        body: resetPasswordBody,
        response: { 200: userRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const user = await findUser(em, request.params.id);
      if (request.body.password.toLowerCase().includes(user.username)) {
        throw unprocessable([{ field: 'password', message: 'must not contain the username' }]);
      }
      const passwordHash = await hashPassword(
        request.body.password,
        scryptParameters(deps.config.auth.passwordHashCost),
      );
      await em.transactional(async (tx) => {
        const row = await tx.findOneOrFail(User, { id: user.id });
        row.passwordHash = passwordHash;
        row.mustChangePassword = true;
        row.failedLogins = 0;
        row.lockedUntil = null;
        await tx.flush();
        await revokeSessions(tx, row.id);
        await clearLoginFailures(tx, row.username);
        await recordConfigChange(tx, request, {
          resource: 'users',
          recordId: row.id,
          action: 'reset-password',
          changes: { password: { from: '[secret]', to: '[secret]' } },
        });
      });
      return toRecord(await findUser(deps.orm.em.fork() as EntityManager, user.id));
    },
  );

  app.post(
    '/users/:id/unlock',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Lift the lock after repeated failed sign-ins',
        security,
        params: userIdParams,
        response: { 200: userRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const user = await findUser(em, request.params.id);
      const before = auditable(user);
      await em.transactional(async (tx) => {
        const row = await tx.findOneOrFail(User, { id: user.id });
        row.failedLogins = 0;
        row.lockedUntil = null;
        await tx.flush();
        await clearLoginFailures(tx, row.username);
        await recordConfigChange(tx, request, {
          resource: 'users',
          recordId: row.id,
          action: 'unlock',
          changes: changedFields(before, auditable(row)),
        });
      });
      return toRecord(await findUser(deps.orm.em.fork() as EntityManager, user.id));
    },
  );
};
