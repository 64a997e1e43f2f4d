import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_KINDS } from '../../domain/cases/case-states';
import { createEventSuggester, type EventSuggestion } from '../../services/classification/event-suggestions';
import type { AppDeps } from '../app';

const classifyBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(3, 'must have at least 3 characters')
      .max(4000, 'must have at most 4000 characters')
      .describe("The resident's own words about the problem"),
    language: z.enum(['pl', 'en']).default('pl'),
  })
  .strict();

const classifyResponse = z.object({
  suggestions: z.array(
    z.object({
      kind: z.enum(CASE_KINDS),
      eventCode: z.string().nullable(),
      confidence: z.number().min(0).max(1),
    }) satisfies z.ZodType<EventSuggestion>,
  ),
});

/**
 * `POST /api/v1/classify`: what a resident's text is probably about, for the report form to
 * suggest. The same model the worker classifies cases with, so the suggestion and the later
 * routing agree; events the city switched off are never suggested.
 */
export const classifyRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  await app.register(rateLimit, { global: false });
  const suggester = createEventSuggester(deps);

  app.post(
    '/classify',
    {
      config: { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Suggest the kind and event of a report from its text (up to 3, best first)',
        body: classifyBody,
        response: { 200: classifyResponse },
      },
    },
    async (request) => ({ suggestions: await suggester.suggest(request.body.text) }),
  );
};
