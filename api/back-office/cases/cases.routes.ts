import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { contentRange } from '../list-query';
import { caseVisibilitySql } from './case-access';
import { asArray, iso, loadCaseRecord, toRecord, type CaseRow } from './case-record';
import { caseEventListQuery, caseEventRecord, caseListQuery, caseRecord } from './cases.schemas';

const SORT_COLUMNS: Record<string, string> = {
  createdAt: 'c.created_at',
  number: 'c.number',
  status: 'c.status',
  kind: 'c.kind',
  priority: 'c.priority',
  resolutionDueAt: 'c.resolution_due_at',
  unitCode: 'c.unit_code',
  district: 'c.district',
};

/** The back office's case list and detail, in ra-data-simple-rest's conventions. */
export const backOfficeCaseRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');
  const connection = () => deps.orm.em.fork().getConnection();

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
      const visible = caseVisibilitySql(request.staff!);
      const where: string[] = [visible.sql];
      const params: unknown[] = [...visible.params];
      const inList = (column: string, values: readonly unknown[] | undefined) => {
        if (!values?.length) return;
        where.push(`${column} in (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      inList('c.id', filter.id);
      inList('c.status', asArray(filter.status));
      inList('c.kind', asArray(filter.kind));
      inList('c.channel', asArray(filter.channel));
      inList('c.sla_state', asArray(filter.slaState));
      inList('c.event_code', filter.eventCode ? [filter.eventCode] : undefined);
      inList('c.unit_code', filter.unitCode ? [filter.unitCode] : undefined);
      inList('c.district', filter.district ? [filter.district] : undefined);
      if (filter.q) {
        where.push(`(c.number ilike ? or c.description ilike ? or c.street ilike ?)`);
        const like = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        params.push(like, like, like);
      }
      const [from, to] = range;
      const whereSql = where.join(' and ');
      const order = `${SORT_COLUMNS[sort[0]]} ${sort[1] === 'ASC' ? 'asc' : 'desc'} nulls last, c.id desc`;
      const conn = connection();
      const [rows, [{ total }]] = await Promise.all([
        conn.execute<CaseRow[]>(
          `select c.* from cases c where ${whereSql} order by ${order} limit ? offset ?`,
          [...params, to - from + 1, from],
        ),
        conn.execute<{ total: string }[]>(`select count(*) as total from cases c where ${whereSql}`, params),
      ]);
      reply.header('Content-Range', contentRange('cases', from, rows.length, Number(total)));
      return rows.map((row) => toRecord(row, request.staff!, deps.config));
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
      const visible = caseVisibilitySql(request.staff!);
      const where = [visible.sql];
      const params: unknown[] = [...visible.params];
      if (filter.caseId) {
        where.push('e.case_id = ?');
        params.push(filter.caseId);
      }
      const [from, to] = range;
      const conn = connection();
      const whereSql = where.join(' and ');
      const [rows, [{ total }]] = await Promise.all([
        conn.execute<
          {
            id: string;
            case_id: string;
            type: string;
            actor: string;
            actor_role: string | null;
            status: string | null;
            is_public: boolean;
            note: string | null;
            payload: Record<string, unknown> | null;
            created_at: Date | string;
          }[]
        >(
          `select e.* from case_events e join cases c on c.id = e.case_id where ${whereSql}
           order by e.${sort[0] === 'createdAt' ? 'created_at' : 'id'} ${sort[1] === 'ASC' ? 'asc' : 'desc'}
           limit ? offset ?`,
          [...params, to - from + 1, from],
        ),
        conn.execute<{ total: string }[]>(
          `select count(*) as total from case_events e join cases c on c.id = e.case_id where ${whereSql}`,
          params,
        ),
      ]);
      reply.header('Content-Range', contentRange('case-events', from, rows.length, Number(total)));
      return rows.map((e) => ({
        id: Number(e.id),
        caseId: e.case_id,
        type: e.type,
        actor: e.actor,
        actorRole: e.actor_role,
        status: e.status,
        isPublic: e.is_public,
        note: e.note,
        payload: e.payload,
        createdAt: iso(e.created_at)!,
      }));
    },
  );
};
