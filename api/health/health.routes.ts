import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkDependencies } from '../../services/health/readiness';
import type { AppDeps } from '../app';

// Only ok or not: /ready is public, and a driver's message can name hosts, users and versions.
const dependencyStatus = z.object({ ok: z.boolean() });
const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  dependencies: z.object({ postgres: dependencyStatus, temporal: dependencyStatus }),
  missing: z.array(z.string()),
});

export const healthRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the API process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: PostgreSQL and Temporal are reachable',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (request, reply) => {
      const { postgres, temporal } = await checkDependencies(deps);
      const checks = { postgres, temporal };
      const missing = Object.entries(checks).flatMap(([name, result]) => {
        if (result.ok) return [];
        request.log.warn({ dependency: name, reason: result.reason }, 'dependency not ready');
        return [name];
      });
      const body = {
        status: missing.length ? ('not_ready' as const) : ('ready' as const),
        dependencies: { postgres: { ok: postgres.ok }, temporal: { ok: temporal.ok } },
        missing,
      };
      return reply.status(missing.length ? 503 : 200).send(body);
    },
  );
};
