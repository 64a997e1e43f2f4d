import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCaseEvents } from '../../../services/cases/case-event-list';
import { listCases } from '../../../services/cases/case-list';
import { loadCaseRecord } from '../../../services/cases/case-records';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { contentRange } from '../list-query';
import { caseEventListQuery, caseEventRecord, caseListQuery, caseRecord } from './cases.schemas';

/** The back office's case list and detail, in ra-data-simple-rest's conventions. */
export const backOfficeCaseRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');

  app.get(
    '/cases',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'List cases',
        security: [{ bearerAuth: [] }],
        querystring: caseListQuery,
        response: { 200: z.array(caseRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['createdAt', 'DESC'], range = [0, 24], filter = {} } = request.query;
      const { records, total } = await listCases(deps, request.staff!, { sort, range, filter });
      reply.header('Content-Range', contentRange('cases', range[0], records.length, total));
      return records;
    },
  );

  app.get(
    '/cases/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'One case',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: z.uuid() }),
        response: { 200: caseRecord },
      },
    },
    async (request) => {
      return loadCaseRecord(deps, request.params.id, request.staff!);
    },
  );

  app.get(
    '/case-events',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'The timeline and audit trail of cases',
        security: [{ bearerAuth: [] }],
        querystring: caseEventListQuery,
        response: { 200: z.array(caseEventRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['id', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const { records, total } = await listCaseEvents(deps.orm, request.staff!, { sort, range, filter });
      reply.header('Content-Range', contentRange('case-events', range[0], records.length, total));
      return records;
    },
  );
};
