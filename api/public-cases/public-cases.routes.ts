import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import {
  addResidentMessage,
  rateCase,
  reopenByResident,
  trackCase,
} from '../../services/cases/public-tracking';
import { fileResidentCase } from '../../services/cases/resident-intake';
import type { AppDeps } from '../app';
import { contactConfirmationRoutes } from './contact-confirmation.routes';
import {
  caseNumberParams,
  caseRatingBody,
  caseRatingResponse,
  createCaseBody,
  createdCaseResponse,
  idempotencyHeaders,
  caseStatusResponse,
  residentMessageBody,
  residentReopenBody,
  trackedCaseResponse,
  trackingQuery,
} from './public-cases.schemas';

/** The portal's page of a case: the link residents follow from the acknowledgement and the 201. */
export function portalTrackingUrl(publicUrl: string, slug: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal/track/${slug}?token=${encodeURIComponent(token)}`;
}

/** The residents' API: file a case, then follow it by number and token. */
export const publicCaseRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  // Per client address: filing is rarer than reading, so it gets the tighter budget.
  await app.register(rateLimit, { global: false });
  const intakeLimit = { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } };
  const trackingLimit = {
    rateLimit: { max: deps.config.rateLimits.trackingPerMinute, timeWindow: '1 minute' },
  };
  // Its own scope (it parses the confirmation form); the rate limit above reaches it as well.
  await app.register(contactConfirmationRoutes(deps));

  app.post(
    '/cases',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'File a case (report, question, suggestion or complaint)',
        headers: idempotencyHeaders,
        body: createCaseBody,
        response: { 201: createdCaseResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const filed = await fileResidentCase(
        deps,
        {
          kind: body.kind,
          channel: body.channel,
          eventCode: body.eventCode ?? null,
          description: body.description,
          district: body.district ?? null,
          lat: body.location?.lat ?? null,
          lon: body.location?.lon ?? null,
          street: body.location?.street ?? null,
          building: body.location?.building ?? null,
          contact: {
            name: body.contact?.name ?? null,
            email: body.contact?.email ?? null,
            phone: body.contact?.phone ?? null,
          },
          language: body.language,
          publicationConsent: body.publicationConsent,
        },
        {
          client: request.ip,
          idempotencyKey: request.headers['idempotency-key'],
          body,
          log: (message) => request.log.warn(message),
        },
      );
      const slug = caseNumberToSlug(filed.number);
      const self = `/api/v1/cases/${slug}`;
      const tracking = portalTrackingUrl(deps.config.http.publicUrl, slug, filed.trackingToken);
      // A replay answers exactly as the first request did, so a client that lost the 201 gets it again.
      if (!filed.created) reply.header('idempotent-replayed', 'true');
      return reply.status(201).header('location', self).send({
        number: filed.number,
        trackingToken: filed.trackingToken,
        status: filed.status,
        links: { self, tracking },
      });
    },
  );

  app.get(
    '/cases/:number',
    {
      config: trackingLimit,
      schema: {
        tags: ['cases'],
        summary: 'Track a case by its number and tracking token',
        params: caseNumberParams,
        querystring: trackingQuery,
        response: { 200: trackedCaseResponse },
      },
    },
    async (request) => trackCase(deps, { slug: request.params.number, token: request.query.token }),
  );

  app.post(
    '/cases/:number/messages',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'Add information to a case, or answer a request for information',
        params: caseNumberParams,
        querystring: trackingQuery,
        body: residentMessageBody,
        response: { 202: caseStatusResponse },
      },
    },
    async (request, reply) => {
      const key = { slug: request.params.number, token: request.query.token };
      return reply.status(202).send(await addResidentMessage(deps, key, request.body.message));
    },
  );

  app.post(
    '/cases/:number/reopen',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'Reopen a resolved case that is not fixed (within the reopen window)',
        params: caseNumberParams,
        querystring: trackingQuery,
        body: residentReopenBody,
        response: { 200: caseStatusResponse },
      },
    },
    async (request) =>
      reopenByResident(
        deps,
        { slug: request.params.number, token: request.query.token },
        request.body.reason,
      ),
  );

  app.post(
    '/cases/:number/rating',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'Rate how a resolved case was handled (1–5 and a comment); rating again replaces it',
        params: caseNumberParams,
        querystring: trackingQuery,
        body: caseRatingBody,
        response: { 200: caseRatingResponse },
      },
    },
    async (request) =>
      rateCase(deps, { slug: request.params.number, token: request.query.token }, request.body),
  );
};
