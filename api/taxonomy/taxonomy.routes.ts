import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseEventType, Subcategory } from '../../db/entities';
import taxonomy from '../../db/seed-data/warsaw/taxonomy.json';
import { CASE_KINDS } from '../../domain/cases/case-states';
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
});

/** `GET /api/v1/taxonomy`: what residents can report, as the city configured it now. */
export const taxonomyRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const kindNames = new Map(taxonomy.kinds.map((k) => [k.code, { pl: k.name, en: k.nameEn }]));
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
      const em = deps.orm.em.fork();
      const [subcategories, events] = await Promise.all([
        em.find(Subcategory, {}, { orderBy: { code: 'asc' } }),
        em.find(CaseEventType, { active: true }, { orderBy: { code: 'asc' } }),
      ]);
      reply.header('cache-control', 'public, max-age=300');
      return {
        kinds: CASE_KINDS.map((code) => ({ code, name: kindNames.get(code) ?? { pl: code, en: code } })),
        subcategories: subcategories
          .map((sub) => ({
            code: sub.code,
            name: { pl: sub.name, en: sub.nameEn },
            events: events
              .filter((event) => event.subcategory === sub.code)
              .map((event) => ({
                code: event.code,
                name: { pl: event.name, en: event.nameEn },
                priority: event.priority,
                requires: {
                  description: event.requiresDescription,
                  location: true,
                  contact: !event.allowsAnonymous,
                },
              })),
          }))
          .filter((sub) => sub.events.length > 0),
      };
    },
  );
};
