import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import type { UserRole } from '../../domain/auth/user-roles';
import type { PageQuery } from '../../services/configuration/config-records';
import type { ConfigurationService } from '../../services/configuration/config-service';
import type { AppDeps } from '../app';
import { requireRole } from '../auth/authenticate';
import { CONFIGURATION_ACCESS, type ConfigurationResource } from './configuration-access';
import { contentRange } from './list-query';

/**
 * The plumbing every back-office configuration resource shares: react-admin's list (filter, sort,
 * page and Content-Range), one record, create, update and delete, each with its roles, its schemas
 * in the OpenAPI document and the one service call that answers it.
 */

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;
type Input<P, Q, B> = { params: Out<P>; query: Out<Q>; body: Out<B> };

/** One back-office route: who may call it, what it documents and accepts, and what answers it. */
export interface StaffRoute<P, Q, B, R extends Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  roles: readonly UserRole[];
  summary?: string;
  params?: P;
  querystring?: Q;
  body?: B;
  response: R;
  /** 201 answers a created record. */
  status?: 201;
  /** A body that parses but makes no sense is 422, like one of the wrong shape (react-admin's forms). */
  validationStatus?: 422;
}

export function staffRoute<P, Q, B, R extends Schema>(
  app: FastifyInstance,
  deps: AppDeps,
  route: StaffRoute<P, Q, B, R>,
  handle: (input: Input<P, Q, B>, request: FastifyRequest, reply: FastifyReply) => Promise<z.input<R>>,
): void {
  const status = route.status ?? 200;
  const inputs = { params: route.params, querystring: route.querystring, body: route.body };
  const schema: FastifySchema = {
    tags: ['back office'],
    ...(route.summary ? { summary: route.summary } : {}),
    security: [{ bearerAuth: [] }],
    ...Object.fromEntries(Object.entries(inputs).filter(([, input]) => input !== undefined)),
    response: { [status]: route.response },
  };
  app.route({
    method: route.method,
    url: route.url,
    preHandler: requireRole(deps, ...route.roles),
    ...(route.validationStatus ? { config: { validationStatus: route.validationStatus } } : {}),
    schema,
    handler: async (request, reply) => {
      // The schemas above parsed these: the type provider cannot follow schemas that are type parameters.
      const input = { params: request.params, query: request.query, body: request.body } as Input<P, Q, B>;
      return reply.status(status).send(await handle(input, request, reply));
    },
  });
}

type IdOf<P> = Out<P> extends { id: infer K extends string | number } ? K : never;

type Operation = 'list' | 'get' | 'create' | 'update' | 'remove';

/** The routes of one configuration resource: its schemas, the service answering them and their summaries. */
export interface ConfigurationRoutes<P, Rec extends Schema, Q, C, U> {
  /** The path under /api, the name of the Content-Range and the key of its access. */
  resource: ConfigurationResource;
  service: Partial<ConfigurationService<IdOf<P>, Out<C>, Out<U>, z.input<Rec>>>;
  record: Rec;
  /** `{ id }` of one record. */
  params?: P;
  query?: Q;
  create?: C;
  update?: U;
  /** Unless false, a create or update body that fails its schema is 422, as react-admin's forms show it. */
  unprocessable?: false;
  /** The OpenAPI summary of each operation the resource offers; only these are routed. */
  summaries: Partial<Record<Operation, string>>;
}

export function configurationRoutes<P, Rec extends Schema, Q, C, U>(
  app: FastifyInstance,
  deps: AppDeps,
  spec: ConfigurationRoutes<P, Rec, Q, C, U>,
): void {
  const { resource, service, record, params } = spec;
  const { read, write } = CONFIGURATION_ACCESS[resource];
  const validationStatus = spec.unprocessable === false ? undefined : (422 as const);
  const [all, one] = [`/${resource}`, `/${resource}/:id`];
  // Each operation's schemas parsed its input, so the service gets what it asks for.
  type Parsed = {
    params: { id: IdOf<P> };
    query: PageQuery & { filter?: Record<string, unknown> };
    body: never;
  };
  type Handle = (input: Parsed, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  const operations: [Operation, StaffRoute<unknown, unknown, unknown, Schema>, Handle][] = [
    [
      'list',
      { method: 'GET', url: all, roles: read, querystring: spec.query, response: z.array(record) },
      async ({ query }, request, reply) => {
        const page = await service.list!(deps, query, request);
        reply.header('Content-Range', contentRange(resource, page.from, page.records.length, page.total));
        return page.records;
      },
    ],
    [
      'get',
      { method: 'GET', url: one, roles: read, params, response: record },
      ({ params: { id } }, request) => service.get!(deps, id, request),
    ],
    [
      'create',
      {
        method: 'POST',
        url: all,
        roles: write,
        body: spec.create,
        response: record,
        status: 201,
        validationStatus,
      },
      ({ body }, request) => service.create!(deps, body, request),
    ],
    [
      'update',
      {
        method: 'PUT',
        url: one,
        roles: write,
        params,
        body: spec.update,
        response: record,
        validationStatus,
      },
      ({ params: { id }, body }, request) => service.update!(deps, { id, body }, request),
    ],
    [
      'remove',
      { method: 'DELETE', url: one, roles: write, params, response: record },
      ({ params: { id } }, request) => service.remove!(deps, id, request),
    ],
  ];
  for (const [operation, route, handle] of operations) {
    const summary = spec.summaries[operation];
    if (!summary) continue;
    if (!service[operation]) throw new Error(`${resource}: its service offers no ${operation}`);
    staffRoute(app, deps, { ...route, summary }, (input, request, reply) =>
      handle(input as unknown as Parsed, request, reply),
    );
  }
}
