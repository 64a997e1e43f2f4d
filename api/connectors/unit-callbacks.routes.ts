import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signBody } from '../../activities/connectors/unit-connector.activities';
import { Case, Unit } from '../../db/entities';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import { unitSystemStatusSignal } from '../../workflows/case.messages';
import type { AppDeps } from '../app';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

const statusCallback = z
  .object({
    status: z.enum(['ACCEPTED', 'RESOLVED', 'REJECTED']),
    note: z.string().trim().max(4000).optional(),
    externalReference: z.string().max(200).optional(),
    callbackId: z.string().min(1).max(200).describe('Unique per callback: a repeated callback is recognised'),
  })
  .strict();

function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Status callbacks from a unit's own IT system: the same signature scheme as our webhook to it
 * (HMAC-SHA256 of the exact body with the unit's secret), then a signal to the case's workflow.
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
        headers: z.object({ 'x-civicflow-signature': z.string().max(200).optional() }),
        body: statusCallback,
        response: { 202: z.object({ accepted: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const em = deps.orm.em.fork();
      const unit = await em.findOne(Unit, { code: request.params.unitCode });
      const expected = unit?.webhookSecret ? signBody(unit.webhookSecret, request.rawBody ?? '') : null;
      if (!expected || !sameSignature(expected, request.headers['x-civicflow-signature'])) {
        throw new AppError('UNAUTHENTICATED', 'Missing or wrong signature for this unit');
      }
      const row = await em.findOne(Case, { id: request.params.caseId });
      if (!row || row.unitCode !== unit!.code) {
        throw new AppError('NOT_FOUND', `Case ${request.params.caseId} is not with unit ${unit!.code}`);
      }
      await deps.temporal.workflow
        .getHandle(caseWorkflowId(row.id))
        .signal(unitSystemStatusSignal, request.body);
      return reply.status(202).send({ accepted: true });
    },
  );
};
