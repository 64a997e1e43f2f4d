import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { configHistory } from '../../../services/configuration/config-history';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { contentRange } from '../list-query';
import { configChangeListQuery, configChangeRecord } from './config-changes.schemas';

/**
 * `GET /api/config-changes`: who changed the city's configuration, when and what, newest first.
 * Read-only: the trail is written by the changes themselves, never through this API.
 */
export const configChangeRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/config-changes',
    {
      preHandler: requireRole(deps, 'ADMIN', 'MANAGER'),
      schema: {
        tags: ['back office'],
        summary: 'The history of configuration changes (users, taxonomy, routing, SLA, calendar, templates…)',
        security: [{ bearerAuth: [] }],
        querystring: configChangeListQuery,
        response: { 200: z.array(configChangeRecord) },
      },
    },
    async (request, reply) => {
      const page = await configHistory(deps, request.query);
      reply.header(
        'Content-Range',
        contentRange('config-changes', page.from, page.records.length, page.total),
      );
      return page.records;
    },
  );
};
