import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Open311Client } from '../../../db/entities';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { issueOpen311Client } from '../../../services/open311/open311-keys';
import { contentRange, listQuerySchema } from '../list-query';

const clientRecord = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** Only in the answer that created the client: the key is stored as a hash and never shown again. */
  apiKey: z.string().optional(),
});

const toRecord = (client: Open311Client) => ({
  id: client.id,
  name: client.name,
  active: client.active,
  createdAt: client.createdAt.toISOString(),
  lastUsedAt: client.lastUsedAt?.toISOString() ?? null,
});

/** Administrators issue, list and switch off the api keys of Open311 client applications. */
export const open311ClientRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];

  app.get(
    '/open311-clients',
    {
      preHandler: admin,
      schema: {
        tags: ['back office'],
        summary: 'Open311 client applications',
        security,
        querystring: listQuerySchema(['name', 'createdAt'] as const, {
          id: z.array(z.uuid()).max(500).optional(),
        }),
        response: { 200: z.array(clientRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['name', 'ASC'], range = [0, 49], filter = {} } = request.query;
      const [clients, total] = await deps.orm.em
        .fork()
        .findAndCount(Open311Client, filter.id ? { id: { $in: filter.id } } : {}, {
          orderBy: { [sort[0]]: sort[1] === 'ASC' ? 'asc' : 'desc' },
          limit: range[1] - range[0] + 1,
          offset: range[0],
        });
      reply.header('Content-Range', contentRange('open311-clients', range[0], clients.length, total));
      return clients.map(toRecord);
    },
  );

  app.get(
    '/open311-clients/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['back office'],
        security,
        params: z.object({ id: z.uuid() }),
        response: { 200: clientRecord },
      },
    },
    async (request) => {
      const client = await deps.orm.em.fork().findOne(Open311Client, { id: request.params.id });
      if (!client) throw new AppError('NOT_FOUND', `No Open311 client ${request.params.id}`);
      return toRecord(client);
    },
  );

  app.post(
    '/open311-clients',
    {
      preHandler: admin,
      schema: {
        tags: ['back office'],
        summary: 'Issue an api key for a new client application (shown once)',
        security,
        body: z.object({ name: z.string().trim().min(2).max(200) }).strict(),
        response: { 201: clientRecord },
      },
    },
    async (request, reply) => {
      const issued = await issueOpen311Client(deps.orm, request.body.name);
      const client = await deps.orm.em.fork().findOneOrFail(Open311Client, { id: issued.id });
      return reply.status(201).send({ ...toRecord(client), apiKey: issued.apiKey });
    },
  );

  app.put(
    '/open311-clients/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['back office'],
        summary: 'Rename a client or switch its key off and on',
        security,
        params: z.object({ id: z.uuid() }),
        body: z.object({
          name: z.string().trim().min(2).max(200).optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: clientRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork();
      const client = await em.findOne(Open311Client, { id: request.params.id });
      if (!client) throw new AppError('NOT_FOUND', `No Open311 client ${request.params.id}`);
      if (request.body.name !== undefined) client.name = request.body.name;
      if (request.body.active !== undefined) client.active = request.body.active;
      await em.flush();
      return toRecord(client);
    },
  );
};
