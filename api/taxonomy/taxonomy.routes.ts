import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_KINDS } from '../../domain/cases/case-states';
import { publicTaxonomy, type PublicTaxonomy } from '../../services/taxonomy/public-taxonomy';
import type { AppDeps } from '../app';

const name = z.object({ pl: z.string(), en: z.string() });

const taxonomyResponse = z.object({
  kinds: z.array(z.object({ code: z.enum(CASE_KINDS), name })),
  subcategories: z.array(
    z.object({
      code: z.string(),
      name,
      events: z.array(
        z.object({
          code: z.string(),
          name,
          priority: z.string(),
          /** What a report of this event must carry. */
          requires: z.object({ description: z.boolean(), location: z.boolean(), contact: z.boolean() }),
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<PublicTaxonomy>;

/** `GET /api/v1/taxonomy`: what residents can report, as the city configured it now. */
export const taxonomyRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/taxonomy',
    {
      schema: {
        tags: ['cases'],
        summary: 'Kinds, subcategories and events residents can report, in Polish and English',
        response: { 200: taxonomyResponse },
      },
    },
    async (_request, reply) => {
      const taxonomy = await publicTaxonomy(deps.orm);
      reply.header('cache-control', 'public, max-age=300');
      return taxonomy;
    },
  );
};
