import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { contentRange } from '../list-query';
import { caseVisibilitySql } from './case-access';
import { asArray, iso, loadCaseRecord, toRecord, type CaseRow } from './case-record';
import { caseEventListQuery, caseEventRecord, caseListQuery, caseRecord } from './cases.schemas';

const NULLABLE_SORTS = new Set(['resolutionDueAt', 'unitCode', 'district']);

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

/** Words of a search box as a prefix query ("zolib" finds "Żoliborz"); null when nothing searchable is left. */
export function prefixQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/**
 * Exact totals up to a cap; beyond it the planner's estimate. Counting a million matching rows
 * for every page would cost more than the page itself, and a clerk reads "about 1,000,000" fine.
 */
const EXACT_COUNT_CAP = 1_000;
async function countOrEstimate(
  conn: ReturnType<AppDeps['orm']['em']['getConnection']>,
  fromWhere: string,
  params: unknown[],
): Promise<number> {
  const [{ n }] = await conn.execute<{ n: string }[]>(
    `select count(*) as n from (select 1 ${fromWhere} limit ${EXACT_COUNT_CAP + 1}) capped`,
    params,
  );
  if (Number(n) <= EXACT_COUNT_CAP) return Number(n);
  const [plan] = await conn.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `explain (format json) select 1 ${fromWhere}`,
    params,
  );
  return Math.max(EXACT_COUNT_CAP + 1, Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']));
}

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
      const search = filter.q ? prefixQuery(filter.q) : null;
      if (filter.q && search) {
        // Full text over number, description, street and district, without Polish diacritics.
        where.push(`(c.search_vector @@ to_tsquery('civicflow_simple', ?) or c.number = ?)`);
        params.push(search, filter.q);
      } else if (filter.q) {
        where.push('c.number = ?');
        params.push(filter.q);
      }
      const [from, to] = range;
      const whereSql = where.join(' and ');
      const direction = sort[1] === 'ASC' ? 'asc' : 'desc';
      // "nulls last" only where a column can be null: on the others it would keep the planner
      // from walking the (column desc, id desc) index and make it sort the whole table.
      const nulls = NULLABLE_SORTS.has(sort[0]) ? ' nulls last' : '';
      const order = `${SORT_COLUMNS[sort[0]]} ${direction}${nulls}, c.id ${direction}`;
      const conn = connection();
      const [rows, total] = await Promise.all([
        conn.execute<CaseRow[]>(
          `select c.* from cases c where ${whereSql} order by ${order} limit ? offset ?`,
          [...params, to - from + 1, from],
        ),
        countOrEstimate(conn, `from cases c where ${whereSql}`, params),
      ]);
      reply.header('Content-Range', contentRange('cases', from, rows.length, total));
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
