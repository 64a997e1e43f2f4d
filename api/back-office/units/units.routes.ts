import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Unit } from '../../../db/entities';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { contentRange, listQuerySchema } from '../list-query';

const unitRecord = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  district: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  hasConnector: z.boolean(),
});

const toRecord = (unit: Unit) => ({
  id: unit.code,
  code: unit.code,
  name: unit.name,
  nameEn: unit.nameEn,
  district: unit.district ?? null,
  email: unit.email ?? null,
  active: unit.active,
  hasConnector: Boolean(unit.webhookUrl),
});

/** The city's units, as react-admin lists them (the id is the unit's code). */
export const unitRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');

  app.get(
    '/units',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'List units',
        security: [{ bearerAuth: [] }],
        querystring: listQuerySchema(['code', 'name'] as const, {
          id: z.array(z.string().max(64)).max(500).optional(),
          active: z.boolean().optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.array(unitRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['code', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.code = { $in: filter.id };
      if (filter.active !== undefined) where.active = filter.active;
      if (filter.q)
        where.$or = [{ code: { $ilike: `%${filter.q}%` } }, { name: { $ilike: `%${filter.q}%` } }];
      const [units, total] = await deps.orm.em.fork().findAndCount(Unit, where, {
        orderBy: { [sort[0]]: sort[1] === 'ASC' ? 'asc' : 'desc' },
        limit: range[1] - range[0] + 1,
        offset: range[0],
      });
      reply.header('Content-Range', contentRange('units', range[0], units.length, total));
      return units.map(toRecord);
    },
  );

  app.get(
    '/units/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'One unit',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: unitRecord },
      },
    },
    async (request) => {
      const unit = await deps.orm.em.fork().findOne(Unit, { code: request.params.id });
      if (!unit) throw new AppError('NOT_FOUND', `No unit ${request.params.id}`);
      return toRecord(unit);
    },
  );
};
