import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forwardTargets } from '../../../services/cases/forward-targets';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';

const forwardTarget = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  forwards: z.number().int().describe('Cases handed to the unit in the last 90 days'),
  suggested: z.boolean().describe('Where the routing rules in force would send the case now'),
});

/**
 * The units a clerk can forward a case to (all active ones but the unit holding it), the suggested
 * one first and the most used next.
 */
export const forwardTargetRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/cases/:id/forward-targets',
    {
      preHandler: requireRole(deps, 'ADMIN', 'CLERK'),
      schema: {
        tags: ['back office'],
        summary: 'Units to forward a case to (not the one holding it), suggested first, then the most used',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: z.uuid() }),
        response: { 200: z.array(forwardTarget) },
      },
    },
    async (request) => forwardTargets(deps, request.params.id),
  );
};
