import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClassifierService } from '../../activities/classification/classifier-service';
import { CaseEventType } from '../../db/entities';
import { CASE_KINDS } from '../../domain/cases/case-states';
import { splitLabel } from '../../domain/classification/text-classifier';
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
    }),
  ),
});

const MAX_SUGGESTIONS = 3;
/** Below this a runner-up is noise, not a suggestion worth a resident's attention. */
const MIN_RUNNER_UP_CONFIDENCE = 0.05;

/**
 * `POST /api/v1/classify`: what a resident's text is probably about, for the report form to
 * suggest. The same model the worker classifies cases with, so the suggestion and the later
 * routing agree; events the city switched off are never suggested.
 */
export const classifyRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  await app.register(rateLimit, { global: false });
  // Trained at the first request (about a second), not at start: an API that never classifies pays nothing.
  let classifier: ClassifierService | null = null;

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
    async (request) => {
      classifier ??= new ClassifierService(deps.orm, { modelFile: deps.config.cases.classifierModelFile });
      const em = deps.orm.em.fork();
      const [model, activeEvents] = await Promise.all([
        classifier.current(),
        em.find(CaseEventType, { active: true }, { fields: ['code'] }),
      ]);
      const active = new Set(activeEvents.map((event) => event.code));
      const probabilities = model.probabilities(request.body.text);
      const ranked = model.labels
        .map((label, i) => ({ ...splitLabel(label), label, confidence: probabilities[i] }))
        .filter((s) => s.eventCode === null || active.has(s.eventCode))
        .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1));
      const suggestions = ranked
        .slice(0, MAX_SUGGESTIONS)
        .filter((s, i) => i === 0 || s.confidence >= MIN_RUNNER_UP_CONFIDENCE);
      return {
        suggestions: suggestions.map((s) => ({
          kind: s.kind,
          eventCode: s.eventCode,
          confidence: Math.round(s.confidence * 1000) / 1000,
        })),
      };
    },
  );
};
