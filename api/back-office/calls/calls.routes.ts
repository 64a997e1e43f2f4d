import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerHistory, districtNames, recordCall } from '../../../services/cases/phone-calls';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import {
  callerHistoryQuery,
  callerHistoryResponse,
  districtsResponse,
  idempotencyHeaders,
  recordCallBody,
  recordedCallResponse,
} from './calls.schemas';

/**
 * The phone channel: a clerk records a call as a case, and sees what the caller reported before.
 * An information call answered during the call is created answered (the workflow takes the answer
 * from its input), so the statistics count it as a handled contact.
 */
export const callRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const contactCenter = requireRole(deps, 'CLERK', 'ADMIN');

  app.post(
    '/calls',
    {
      preHandler: contactCenter,
      config: { validationStatus: 422 },
      schema: {
        tags: ['back office'],
        summary: 'Record a phone call as a case (channel PHONE)',
        security: [{ bearerAuth: [] }],
        headers: idempotencyHeaders,
        body: recordCallBody,
        response: { 201: recordedCallResponse },
      },
    },
    async (request, reply) => {
      const { created, recorded } = await recordCall(deps, request.staff!, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        log: (message) => request.log.warn(message),
      });
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.status(201).header('location', `/api/cases/${recorded.id}`).send(recorded);
    },
  );

  app.get(
    '/calls/caller-history',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: "The caller's earlier cases, found by e-mail or phone number",
        security: [{ bearerAuth: [] }],
        querystring: callerHistoryQuery,
        response: { 200: callerHistoryResponse },
      },
    },
    async (request) => callerHistory(deps.orm, request.query),
  );

  app.get(
    '/calls/districts',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: "The city's districts, for the location of a call",
        security: [{ bearerAuth: [] }],
        response: { 200: districtsResponse },
      },
    },
    async () => (await districtNames(deps.orm)).map((name) => ({ id: name, name })),
  );
};
