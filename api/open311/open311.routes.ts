import type { FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';
import { registerOpen311ErrorHandling, sendDocument } from './open311-errors';
import { fileServiceRequest } from '../../services/open311/open311-intake';
import { authenticateOpen311Client, type Open311ClientRef } from '../../services/open311/open311-keys';
import {
  searchServiceRequests,
  serviceRequestById,
  serviceRequestOfToken,
} from '../../services/open311/open311-requests';
import { listOpen311Services, open311ServiceDefinition } from '../../services/open311/open311-services';
import {
  asXmlToo,
  createdRequestSchema,
  createRequestHeaders,
  createRequestBody,
  discoverySchema,
  formatParams,
  open311ErrorsSchema,
  requestsQuery,
  serviceDefinitionSchema,
  serviceParams,
  serviceRequestParams,
  serviceRequestSchema,
  serviceSchema,
  tokenParams,
  tokenSchema,
} from './open311.schemas';

/** When this API's contract last changed; clients compare it with what they cached. */
const OPEN311_CHANGESET = '2026-11-29T00:00:00Z';

const tags = ['open311'];
const errors = { '4XX': open311ErrorsSchema };

const keyCarrier = z.object({ api_key: z.string().min(1) });

/**
 * Where a client sent its key: the spec has it as a form field, its Swagger file as a query
 * parameter. Read before validation, so that a request without a valid key learns nothing else.
 */
function apiKeyOf(request: FastifyRequest): string | undefined {
  const fromBody = keyCarrier.safeParse(request.body);
  if (fromBody.success) return fromBody.data.api_key;
  const fromQuery = keyCarrier.safeParse(request.query);
  return fromQuery.success ? fromQuery.data.api_key : undefined;
}

/**
 * Open311 GeoReport v2: services are the city taxonomy's events, service requests are incident
 * cases. Every path ends in .json or .xml and every answer, errors included, follows it.
 */
export const open311Routes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  registerOpen311ErrorHandling(app);
  // Inside this plugin only: the rest of the API takes JSON and multipart, not forms.
  await app.register(formbody);

  const clients = new WeakMap<FastifyRequest, Open311ClientRef>();

  app.get(
    '/discovery.:format',
    {
      schema: {
        tags,
        summary: 'Open311 discovery: where the endpoint is and what it speaks',
        params: formatParams,
        response: { 200: asXmlToo(discoverySchema), ...errors },
      },
    },
    async (request, reply) => {
      const publicUrl = deps.config.http.publicUrl;
      return sendDocument(reply, request.params.format, 'discovery', {
        changeset: OPEN311_CHANGESET,
        contact: `Miejskie Centrum Kontaktu / City contact center: ${publicUrl}`,
        key_service: `Klucze API wydają administratorzy w panelu / API keys are issued by administrators: ${publicUrl}/admin/`,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${publicUrl}/open311/v2`,
            changeset: OPEN311_CHANGESET,
            type: deps.config.env === 'production' ? ('production' as const) : ('test' as const),
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    },
  );

  app.get(
    '/services.:format',
    {
      schema: {
        tags,
        summary: 'Open311 services: the active events of the city taxonomy',
        params: formatParams,
        response: { 200: asXmlToo(z.array(serviceSchema)), ...errors },
      },
    },
    async (request, reply) =>
      sendDocument(reply, request.params.format, 'services', await listOpen311Services(deps.orm)),
  );

  app.get(
    '/services/:service_code.:format',
    {
      schema: {
        tags,
        summary: 'Open311 service definition: the attributes a service request may carry',
        params: serviceParams,
        response: { 200: asXmlToo(serviceDefinitionSchema), ...errors },
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        request.params.format,
        'service_definition',
        await open311ServiceDefinition(deps.orm, request.params.service_code),
      ),
  );

  app.post(
    '/requests.:format',
    {
      schema: {
        tags,
        summary: 'Open311: file a service request (needs an api_key)',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        params: formatParams,
        headers: createRequestHeaders,
        body: createRequestBody,
        response: { 200: asXmlToo(z.array(createdRequestSchema)), ...errors },
      },
      preValidation: async (request) => {
        const key = apiKeyOf(request);
        const client = key ? await authenticateOpen311Client(deps.orm, key) : null;
        if (!client) throw new AppError('FORBIDDEN', key ? 'api_key is not valid' : 'api_key is required');
        clients.set(request, client);
      },
    },
    async (request, reply) => {
      const client = clients.get(request);
      if (!client) throw new AppError('FORBIDDEN', 'api_key is required');
      const filed = await fileServiceRequest(deps, client, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        language: /^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'pl',
      });
      return sendDocument(reply, request.params.format, 'service_requests', [filed]);
    },
  );

  app.get(
    '/requests.:format',
    {
      schema: {
        tags,
        summary: 'Open311: service requests, newest first (90 days and 1000 requests at most)',
        params: formatParams,
        querystring: requestsQuery,
        response: { 200: asXmlToo(z.array(serviceRequestSchema)), ...errors },
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        request.params.format,
        'service_requests',
        await searchServiceRequests(deps.orm, request.query),
      ),
  );

  app.get(
    '/requests/:service_request_id.:format',
    {
      schema: {
        tags,
        summary: 'Open311: one service request by its id (the case number)',
        params: serviceRequestParams,
        response: { 200: asXmlToo(z.array(serviceRequestSchema)), ...errors },
      },
    },
    async (request, reply) => {
      const { service_request_id: id, format } = request.params;
      return sendDocument(reply, format, 'service_requests', await serviceRequestById(deps.orm, id));
    },
  );

  app.get(
    '/tokens/:token.:format',
    {
      schema: {
        tags,
        summary: 'Open311: the service request id of a token',
        params: tokenParams,
        response: { 200: asXmlToo(z.array(tokenSchema)), ...errors },
      },
    },
    async (request, reply) => {
      const { token, format } = request.params;
      const found = await serviceRequestOfToken(deps.orm, deps.config.secret, token);
      return sendDocument(reply, format, 'service_requests', [found]);
    },
  );
};
