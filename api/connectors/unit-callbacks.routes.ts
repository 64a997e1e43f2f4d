import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UNIT_SYSTEM_STATUSES } from '../../domain/cases/intake-routing';
import { AppError } from '../../domain/errors';
import { receiveUnitCallback } from '../../services/units/unit-callbacks';
import { CALLBACK_MAX_AGE_SECONDS } from '../../services/units/unit-signature';
import type { AppDeps } from '../app';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

const statusCallback = z
  .object({
    status: z.enum(UNIT_SYSTEM_STATUSES),
    note: z.string().trim().max(4000).optional(),
    externalReference: z.string().max(200).optional(),
    callbackId: z.string().min(1).max(200).describe('Unique per callback: a repeated callback is recognised'),
  })
  .strict();

/**
 * Status callbacks from a unit's own IT system: the same signature scheme as our webhook to it
 * (HMAC-SHA256 of `<timestamp>.<exact body>` with the unit's secret, the timestamp in
 * `X-Civicflow-Timestamp`), then a signal to the case's workflow. A timestamp more than five
 * minutes away from now is refused, and each `callbackId` is taken once: a captured callback
 * cannot be sent again, neither later nor within the five minutes.
 */
export const unitCallbackRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  // The signature covers the bytes as sent: keep them before JSON parsing (this plugin only).
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('VALIDATION_FAILED', 'The body is not valid JSON'), undefined);
    }
  });

  app.post(
    '/units/:unitCode/cases/:caseId/status',
    {
      schema: {
        tags: ['connectors'],
        summary: "A unit's system reports the status of a case it received",
        params: z.object({ unitCode: z.string().min(1).max(64), caseId: z.uuid() }),
        headers: z.object({
          'x-civicflow-signature': z
            .string()
            .max(200)
            .optional()
            .describe('sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the unit\'s secret>'),
          'x-civicflow-timestamp': z
            .string()
            .max(20)
            .optional()
            .describe(
              `Unix seconds when the callback was signed; refused when over ${CALLBACK_MAX_AGE_SECONDS} s away`,
            ),
        }),
        body: statusCallback,
        response: { 202: z.object({ accepted: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await receiveUnitCallback(deps, {
        unitCode: request.params.unitCode,
        caseId: request.params.caseId,
        rawBody: request.rawBody ?? '',
        signature: request.headers['x-civicflow-signature'],
        timestamp: request.headers['x-civicflow-timestamp'],
        status: request.body,
      });
      return reply.status(202).send({ accepted: true });
    },
  );
};
